using System.Numerics;
using WalletFlow.Ledger.Numscript;
using WalletFlow.Ledger.Numscript.Runtime;

namespace WalletFlow.Ledger.Embedded;

/// <summary>
/// The volumes of the rows a batch has locked, updated in memory as each of its transactions succeeds, so a later
/// transaction of the batch sees what an earlier one left. Reading a row that was not locked is recorded (the batch
/// is then retried with that row locked too) and never guessed: the run that read it is discarded.
/// </summary>
internal sealed class WorkingVolumes : IBalanceReader
{
    private readonly Dictionary<(string Account, string Asset), Volumes> _locked = [];
    private readonly Dictionary<string, Volumes> _worldOtherShards = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Account, string Asset), Volumes> _pending = [];

    public WorkingVolumes(short worldShard) => WorldShard = worldShard;

    /// <summary>The one shard of <c>world</c> this batch writes to.</summary>
    public short WorldShard { get; }

    public HashSet<VolumeKey> Unlocked { get; } = [];

    public void AddLocked(string account, string asset, Volumes volumes) => _locked[(account, asset)] = volumes;

    public void AddWorldOtherShards(string asset, Volumes volumes) => _worldOtherShards[asset] = volumes;

    public VolumeKey KeyOf(string account, string asset) => new(account, asset, account == LedgerNames.World ? WorldShard : (short)0);

    public bool IsLocked(string account, string asset) => _locked.ContainsKey((account, asset));

    /// <summary>Balances as the transaction being evaluated sees them: the batch's committed state plus its own pending moves.</summary>
    public BigInteger GetBalance(string account, string asset) => Current(account, asset).Balance;

    public Volumes Current(string account, string asset)
    {
        if (!_locked.TryGetValue((account, asset), out var volumes))
        {
            Unlocked.Add(KeyOf(account, asset));
            return default;
        }

        return _pending.TryGetValue((account, asset), out var moved) ? volumes.Add(moved) : volumes;
    }

    /// <summary>Moves a posting within the transaction being evaluated; <see cref="Commit"/> or <see cref="Discard"/> ends it.</summary>
    public void Move(Posting posting)
    {
        Current(posting.Source, posting.Asset);
        Current(posting.Destination, posting.Asset);
        _pending[(posting.Source, posting.Asset)] = _pending.GetValueOrDefault((posting.Source, posting.Asset)).Add(new Volumes(0, posting.Amount));
        _pending[(posting.Destination, posting.Asset)] = _pending.GetValueOrDefault((posting.Destination, posting.Asset)).Add(new Volumes(posting.Amount, 0));
    }

    /// <summary>An account other than <c>world</c> whose balance the evaluated transaction takes outside signed 64 bits, if any.</summary>
    public (string Account, string Asset, BigInteger Balance)? PendingBeyond64Bits()
    {
        foreach (var (account, asset) in _pending.Keys)
        {
            var volumes = Current(account, asset);
            if (account != LedgerNames.World && !volumes.BalanceFits64Bits)
            {
                return (account, asset, volumes.Balance);
            }
        }

        return null;
    }

    /// <summary>Makes the evaluated transaction's moves part of the batch's state; returns its post-commit volumes.</summary>
    public Dictionary<string, Dictionary<string, Volumes>> Commit()
    {
        var postCommit = new Dictionary<string, Dictionary<string, Volumes>>(StringComparer.Ordinal);
        foreach (var ((account, asset), moved) in _pending)
        {
            var volumes = _locked[(account, asset)].Add(moved);
            _locked[(account, asset)] = volumes;
            if (!postCommit.TryGetValue(account, out var byAsset))
            {
                postCommit[account] = byAsset = new Dictionary<string, Volumes>(StringComparer.Ordinal);
            }

            byAsset[asset] = account == LedgerNames.World ? volumes.Add(_worldOtherShards.GetValueOrDefault(asset)) : volumes;
        }

        _pending.Clear();
        return postCommit;
    }

    public void Discard() => _pending.Clear();
}
