using System.Globalization;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Domain.Ids;

/// <summary>
/// A webhook delivery's id: `whd_` plus the delivery's sequence number. Deliveries are created by the outbox relay
/// inside the database, which numbers them; the prefix keeps the number from being read as an event or ledger id.
/// </summary>
public readonly record struct WebhookDeliveryId
{
    private const string Prefix = "whd_";

    public WebhookDeliveryId(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
        Value = value;
    }

    public long Value { get; }

    public static Result<WebhookDeliveryId> Parse(string? text) =>
        text is not null
        && text.StartsWith(Prefix, StringComparison.Ordinal)
        && text.Length is > 4 and <= 23
        && !text.AsSpan(Prefix.Length).ContainsAnyExceptInRange('0', '9')
        && text[Prefix.Length] != '0'
        && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? new WebhookDeliveryId(value)
            : new Error(ErrorCodes.InvalidId, $"'{text}' is not a webhook delivery id: expected 'whd_' followed by a positive number.", "deliveryId");

    public override string ToString() => Prefix + Value.ToString(CultureInfo.InvariantCulture);
}
