using WalletFlow.Domain.Errors;

namespace WalletFlow.Domain.Ids;

/// <summary>An FX quote: `fxq_` plus a time-ordered Guid.</summary>
public readonly record struct FxQuoteId
{
    private const string Prefix = "fxq_";

    private FxQuoteId(Guid value) => Value = value;

    public Guid Value { get; }

    public static FxQuoteId New(TimeProvider time) => new(TimeOrderedId.New(time));

    public static Result<FxQuoteId> Parse(string? text) =>
        TimeOrderedId.Parse(text, Prefix, "FX quote id", "quoteId").Map(value => new FxQuoteId(value));

    public override string ToString() => TimeOrderedId.Format(Prefix, Value);
}
