using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WalletFlow.Ledger.Formance.Wire;

/// <summary>
/// Amounts and volumes are integers of any size written as plain JSON numbers (Formance's <c>bigint</c>). They are
/// read from and written as the number's own digits: going through <see cref="double"/> would silently round
/// anything above 2^53. A fraction or an exponent is refused rather than truncated.
/// </summary>
public sealed class BigIntegerJsonConverter : JsonConverter<BigInteger>
{
    public override BigInteger Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new JsonException($"Expected an integer number, found {reader.TokenType}.");
        }

        var digits = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
        var text = Encoding.ASCII.GetString(digits);
        if (!BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new JsonException($"Expected an integer number, found {text}.");
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, BigInteger value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.ToString(CultureInfo.InvariantCulture), skipInputValidation: true);
}
