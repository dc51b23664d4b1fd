using System.Numerics;
using System.Runtime.InteropServices;

namespace WalletFlow.Ledger.Numscript.Runtime;

/// <summary>
/// The balances as the script moves money, across statements: what an account sent is gone, what it received can be
/// sent later. A balance is read from the ledger the first time a bounded source needs it; until then only the
/// movements are kept (as a delta), so accounts that only receive are never read. <c>@world</c> is never read (Formance
/// does not query it either).
/// </summary>
internal sealed class BalanceTracker(IBalanceReader reader) : IOriginBalances
{
    private readonly Dictionary<BalanceKey, Cell> _cells = [];

    public BigInteger Read(string account, string asset) => Load(account, asset).Amount;

    public void Add(string account, string asset, BigInteger delta)
    {
        ref var cell = ref CollectionsMarshal.GetValueRefOrAddDefault(_cells, new BalanceKey(account, asset), out _);
        cell.Amount += delta;
    }

    public void Set(string account, string asset, BigInteger amount) => Load(account, asset).Amount = amount;

    private ref Cell Load(string account, string asset)
    {
        ref var cell = ref CollectionsMarshal.GetValueRefOrAddDefault(_cells, new BalanceKey(account, asset), out _);
        if (!cell.Loaded)
        {
            if (!string.Equals(account, LedgerNames.World, StringComparison.Ordinal))
            {
                cell.Amount += reader.GetBalance(account, asset);
            }

            cell.Loaded = true;
        }

        return ref cell;
    }

    private struct Cell
    {
        public BigInteger Amount;
        public bool Loaded;
    }
}
