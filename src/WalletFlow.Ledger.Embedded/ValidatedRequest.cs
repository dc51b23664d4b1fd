using WalletFlow.Ledger.Numscript;

namespace WalletFlow.Ledger.Embedded;

/// <summary>
/// A request that passed validation, ready to run: explicit postings (also a revert's), or a parsed program.
/// <see cref="RequestHash"/> is what an idempotency key is bound to.
/// </summary>
internal sealed record ValidatedRequest(
    TransactionRequest Request,
    IReadOnlyList<Posting>? Postings,
    NumscriptProgram? Program,
    byte[]? RequestHash,
    long? RevertsTransactionId)
{
    public string? IdempotencyKey => Request.IdempotencyKey;

    public string? Reference => Request.Reference;
}
