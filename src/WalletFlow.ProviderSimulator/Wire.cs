using System.Text.Json.Serialization;

namespace WalletFlow.ProviderSimulator;

/// <summary>A payout as a caller submits it; the reference is also the request's <c>Idempotency-Key</c>.</summary>
public sealed record PayoutRequest(string Reference, long AmountMinor, string Currency, string? Beneficiary);

[JsonConverter(typeof(JsonStringEnumConverter<PayoutStatus>))]
public enum PayoutStatus
{
    [JsonStringEnumMemberName("pending")]
    Pending,

    [JsonStringEnumMemberName("paid")]
    Paid,

    [JsonStringEnumMemberName("failed")]
    Failed,
}

/// <summary>What the provider says about a payout.</summary>
public sealed record PayoutAnswer(string Reference, PayoutStatus Status, string? Reason);

/// <summary>A behaviour to use for one reference, or for every reference without one (<c>default</c>).</summary>
public sealed record BehaviourRequest(
    [property: JsonConverter(typeof(JsonStringEnumConverter<Behaviour>))] Behaviour Behaviour,
    int? Requeries,
    int? DelayMilliseconds,
    [property: JsonConverter(typeof(JsonStringEnumConverter<CallbackMode>))] CallbackMode? Callbacks = null);

/// <summary>Finishes a payout now, as the provider would on its own time: <c>paid</c> or <c>failed</c> (with a reason).</summary>
public sealed record CompletionRequest(PayoutStatus Status, string? Reason);

/// <summary>A callback as the provider sends it.</summary>
public sealed record CallbackBody(string Reference, PayoutStatus Status, string? Reason);

/// <summary>What the receiver answered to one callback delivery.</summary>
public sealed record CallbackDelivery(PayoutStatus Status, int StatusCode, string Body);

/// <summary>An error the provider answers with.</summary>
public sealed record ProviderError(string Error);
