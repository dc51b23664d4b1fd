using WalletFlow.Domain.Errors;

namespace WalletFlow.Domain.Ids;

/// <summary>A partner webhook endpoint's id: `whe_` plus a time-ordered Guid.</summary>
public readonly record struct WebhookEndpointId
{
    private const string Prefix = "whe_";

    private WebhookEndpointId(Guid value) => Value = value;

    public Guid Value { get; }

    public static WebhookEndpointId New(TimeProvider time) => new(TimeOrderedId.New(time));

    public static Result<WebhookEndpointId> Parse(string? text) =>
        TimeOrderedId.Parse(text, Prefix, "webhook endpoint id", "endpointId").Map(value => new WebhookEndpointId(value));

    public override string ToString() => TimeOrderedId.Format(Prefix, Value);
}
