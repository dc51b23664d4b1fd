using System.Globalization;
using System.Text;
using System.Text.Json;

namespace WalletFlow.Application.Webhooks;

/// <summary>
/// What a partner receives for an event, shaped as Standard Webhooks suggests: <c>{"type", "timestamp", "data"}</c>,
/// with the completed command's receipt as the data. Written from the stored event alone, so every attempt of a
/// delivery sends the same bytes.
/// </summary>
public static class WebhookPayload
{
    /// <summary>The <c>webhook-id</c> of an outbox event: the same for every attempt and every endpoint.</summary>
    public static string EventId(long outboxId) => "evt_" + outboxId.ToString(CultureInfo.InvariantCulture);

    public static string Body(string eventType, DateTimeOffset occurredAt, string receiptJson)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", eventType);
            json.WriteString("timestamp", occurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
            json.WritePropertyName("data");
            json.WriteRawValue(receiptJson);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
