using WalletFlow.Domain.Errors;

namespace WalletFlow.Domain.Ids;

/// <summary>A run of the reconciliation gates: `rcn_` plus a time-ordered Guid, so runs list in the order they started.</summary>
public readonly record struct ReconciliationRunId
{
    private const string Prefix = "rcn_";

    private ReconciliationRunId(Guid value) => Value = value;

    public Guid Value { get; }

    public static ReconciliationRunId New(TimeProvider time) => new(TimeOrderedId.New(time));

    public static Result<ReconciliationRunId> Parse(string? text) =>
        TimeOrderedId.Parse(text, Prefix, "reconciliation run id", "runId").Map(value => new ReconciliationRunId(value));

    public override string ToString() => TimeOrderedId.Format(Prefix, Value);
}
