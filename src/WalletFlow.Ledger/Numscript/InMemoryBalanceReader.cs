using System.Numerics;

namespace WalletFlow.Ledger.Numscript;

/// <summary>Balances held in memory, e.g. the locked volumes the ledger loaded for the pairs a run plans to read.</summary>
public sealed class InMemoryBalanceReader(IReadOnlyDictionary<BalanceKey, BigInteger> balances) : IBalanceReader
{
    public static InMemoryBalanceReader Empty { get; } = new(new Dictionary<BalanceKey, BigInteger>());

    public BigInteger GetBalance(string account, string asset) =>
        balances.TryGetValue(new BalanceKey(account, asset), out var balance) ? balance : BigInteger.Zero;
}
