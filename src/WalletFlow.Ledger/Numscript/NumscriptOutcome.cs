namespace WalletFlow.Ledger.Numscript;

/// <summary>
/// What a successful run produced: the postings in emission order, the transaction metadata and the metadata to set
/// on accounts. Metadata values are already rendered as Formance writes them (monetary <c>"USD/2 100"</c>, portion
/// <c>"3/25"</c>, account without <c>@</c>).
/// </summary>
public sealed record NumscriptOutcome(
    IReadOnlyList<NumscriptPosting> Postings,
    IReadOnlyDictionary<string, string> TransactionMetadata,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> AccountMetadata);
