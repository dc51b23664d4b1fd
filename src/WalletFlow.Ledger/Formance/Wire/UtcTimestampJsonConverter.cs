using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WalletFlow.Ledger.Formance.Wire;

/// <summary>
/// Timestamps as Formance writes them: RFC 3339 in UTC with a <c>Z</c> and only the fractional digits that are not
/// zero (<c>2024-05-01T10:00:00Z</c>, <c>2024-05-01T10:00:00.123456Z</c>). Any RFC 3339 offset is accepted on
/// input, and up to nanoseconds (Go's precision), which are truncated to .NET's 100 ns ticks.
/// </summary>
public sealed class UtcTimestampJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException($"Expected an RFC 3339 timestamp, found {reader.TokenType}.");
        return Rfc3339.TryParse(text, out var value) ? value : throw new JsonException($"'{text}' is not an RFC 3339 timestamp.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Rfc3339.Format(value));
}

/// <summary>RFC 3339 timestamps, shared by JSON bodies and the <c>pit</c> query parameter.</summary>
public static class Rfc3339
{
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrEmpty(text) || text.Length < 20 || text[10] is not ('T' or 't'))
        {
            return false;
        }

        return DateTimeOffset.TryParse(TrimBeyondTicks(text), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out value);
    }

    // Go writes up to nine fractional digits; .NET parses at most seven.
    private static string TrimBeyondTicks(string text)
    {
        var dot = text.IndexOf('.', 19);
        if (dot < 0)
        {
            return text;
        }

        var end = dot + 1;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return end - dot - 1 <= 7 ? text : string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
    }
}
