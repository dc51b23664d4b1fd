namespace WalletFlow.Ledger;

/// <summary>
/// A committed transaction. <see cref="Timestamp"/> is when it takes effect (may be in the past: bi-temporal),
/// <see cref="InsertedAt"/> when it was recorded. <see cref="PostCommitVolumes"/> are the volumes of every account
/// and asset it touched right after it committed.
/// </summary>
public sealed record LedgerTransaction(
    long Id,
    IReadOnlyList<Posting> Postings,
    IReadOnlyDictionary<string, string> Metadata,
    DateTimeOffset Timestamp,
    DateTimeOffset InsertedAt,
    string? Reference,
    long? RevertsTransactionId,
    long? RevertedByTransactionId,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, Volumes>> PostCommitVolumes)
{
    public bool Reverted => RevertedByTransactionId is not null;

    /// <summary>The metadata key Formance sets on a reverting transaction, naming the transaction it reverts.</summary>
    public const string RevertsMetadataKey = "com.formance.spec/state/reverts";
}
