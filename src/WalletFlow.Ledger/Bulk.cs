namespace WalletFlow.Ledger;

/// <summary>One element of a bulk (<see cref="ILedger.ApplyBulkAsync"/>): what the single-call port methods do, one at a time.</summary>
public abstract record BulkAction;

public sealed record CreateTransactionAction(TransactionRequest Request) : BulkAction;

public sealed record RevertTransactionAction(RevertRequest Request) : BulkAction;

public sealed record SetMetadataAction(MetadataTarget Target, IReadOnlyDictionary<string, string> Metadata) : BulkAction;

public sealed record DeleteMetadataAction(MetadataTarget Target, string Key) : BulkAction;

/// <summary>What a metadata action annotates: an account or a transaction.</summary>
public abstract record MetadataTarget;

public sealed record AccountTarget(string Address) : MetadataTarget;

public sealed record TransactionTarget(long Id) : MetadataTarget;

/// <summary>
/// <see cref="Atomic"/>: every action is applied or none is. <see cref="ContinueOnFailure"/>: without it, the actions
/// after the first failure are not attempted. Either way the actions run in order, a later one seeing what an
/// earlier one did.
/// </summary>
public sealed record BulkOptions(bool Atomic, bool ContinueOnFailure);

/// <summary>An applied action: <see cref="Posted"/> is the transaction a creation or a revert wrote (or replayed), null for metadata.</summary>
public sealed record BulkOutcome(PostResult? Posted)
{
    public static BulkOutcome Annotated { get; } = new(Posted: null);
}
