using WalletFlow.Domain.Errors;

namespace WalletFlow.Domain.Ids;

/// <summary>A partner API key's id: `key_` plus a time-ordered Guid. Not the key's secret, nor its prefix: safe to show and log.</summary>
public readonly record struct ApiKeyId
{
    private const string Prefix = "key_";

    private ApiKeyId(Guid value) => Value = value;

    public Guid Value { get; }

    public static ApiKeyId New(TimeProvider time) => new(TimeOrderedId.New(time));

    public static Result<ApiKeyId> Parse(string? text) =>
        TimeOrderedId.Parse(text, Prefix, "API key id", "keyId").Map(value => new ApiKeyId(value));

    public override string ToString() => TimeOrderedId.Format(Prefix, Value);
}
