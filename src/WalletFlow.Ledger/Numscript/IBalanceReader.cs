using System.Numerics;

namespace WalletFlow.Ledger.Numscript;

/// <summary>
/// Where the interpreter reads balances (inputs minus outputs, in minor units; zero for an account never seen). The
/// ledger answers from volumes it has already locked and loaded, so the call must not block: plan the reads with
/// <see cref="NumscriptInterpreter.PlanBalanceReads"/> first. <c>@world</c> is never asked for.
/// </summary>
public interface IBalanceReader
{
    BigInteger GetBalance(string account, string asset);
}
