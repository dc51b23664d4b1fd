namespace WalletFlow.Ledger;

/// <summary>An account with its metadata and its volumes per asset (now, or as of an effective date).</summary>
public sealed record AccountView(string Address, IReadOnlyDictionary<string, string> Metadata, IReadOnlyDictionary<string, Volumes> Volumes)
{
    public System.Numerics.BigInteger Balance(string asset) => Volumes.TryGetValue(asset, out var volumes) ? volumes.Balance : 0;
}
