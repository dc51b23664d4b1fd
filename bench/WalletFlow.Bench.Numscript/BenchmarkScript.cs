using System.Numerics;
using WalletFlow.Ledger.Numscript;

namespace WalletFlow.Bench.Numscript;

/// <summary>One script to time, with the variables and balances of a typical successful run.</summary>
internal sealed record BenchmarkScript(
    string Name,
    string Source,
    IReadOnlyDictionary<string, string> Variables,
    IReadOnlyDictionary<BalanceKey, BigInteger> Balances);
