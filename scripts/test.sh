#!/usr/bin/env bash
# Builds the solution and runs every test project; prints one closing line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT

dotnet build WalletFlow.sln --nologo -v quiet -clp:ErrorsOnly
status=0
# A test that hangs fails the run (with a dump of where it hung) instead of eating CI's time.
dotnet test WalletFlow.sln --no-build --nologo --blame-hang-timeout 5m "$@" 2>&1 | tee "$log" || status=$?

passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{ sum += $2 } END { print sum + 0 }')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{ sum += $2 } END { print sum + 0 }')
echo
echo "tests: $passed passed, $failed failed"
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
