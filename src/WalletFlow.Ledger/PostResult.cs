namespace WalletFlow.Ledger;

/// <summary>A posted transaction, and whether it was posted by this call or replayed for a key already used with the same request.</summary>
public sealed record PostResult(LedgerTransaction Transaction, bool IdempotencyHit);
