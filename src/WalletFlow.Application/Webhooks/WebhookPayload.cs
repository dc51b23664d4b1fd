using System.Globalization;
using System.Text;
using System.Text.Json;

namespace WalletFlow.Application.Webhooks;

/// <summary>
/// What a partner receives for an event, shaped as Standard Webhooks suggests: <c>{"type", "timestamp", "data"}</c>.
/// The data is the completed command's receipt without what belongs to its caller or to other merchants: the
/// idempotency key (the caller's namespace), the postings and the balances after them (a transfer between two
/// merchants would show each the other's balance). Written from the stored event alone, so every attempt of a delivery
/// sends the same bytes.
/// </summary>
public static class WebhookPayload
{
    private static readonly string[] SharedReceiptFields = ["commandId", "command", "status", "ledgerTransactionId", "data", "completedAt"];

    /// <summary>The <c>webhook-id</c> of an outbox event: the same for every attempt and every endpoint.</summary>
    public static string EventId(long outboxId) => "evt_" + outboxId.ToString(CultureInfo.InvariantCulture);

    public static string Body(string eventType, DateTimeOffset occurredAt, string receiptJson)
    {
        using var receipt = JsonDocument.Parse(receiptJson);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", eventType);
            json.WriteString("timestamp", occurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
            json.WriteStartObject("data");
            foreach (var field in SharedReceiptFields)
            {
                if (receipt.RootElement.TryGetProperty(field, out var value))
                {
                    json.WritePropertyName(field);
                    value.WriteTo(json);
                }
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
