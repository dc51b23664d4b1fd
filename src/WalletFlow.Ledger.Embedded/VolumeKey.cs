namespace WalletFlow.Ledger.Embedded;

/// <summary>
/// One row of <c>ledger.volumes</c>: an account's volumes of one asset. Every account has one row (shard 0) but
/// <c>world</c>, whose volumes are spread over <see cref="WorldShards"/> rows so that pay-ins do not queue on one lock.
/// Keys sort ordinally: rows are always locked in this order, so two transactions never wait on each other in a cycle.
/// </summary>
internal readonly record struct VolumeKey(string Account, string Asset, short Shard) : IComparable<VolumeKey>
{
    public const short WorldShards = 16;

    public int CompareTo(VolumeKey other)
    {
        var byAccount = string.CompareOrdinal(Account, other.Account);
        if (byAccount != 0)
        {
            return byAccount;
        }

        var byAsset = string.CompareOrdinal(Asset, other.Asset);
        return byAsset != 0 ? byAsset : Shard.CompareTo(other.Shard);
    }
}
