using System.Text.Json;
using System.Text.Json.Serialization;

namespace WalletFlow.Ledger.Formance.Wire;

/// <summary>
/// The JSON settings of Formance's v2 API, used by the adapter and by the API's Formance-compatible surface alike:
/// camelCase names, absent rather than null optional fields (Formance's clients validate <c>reference</c> and
/// <c>details</c> as optional strings, and refuse a null), exact big integers, RFC 3339 UTC timestamps.
/// </summary>
public static class FormanceJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new BigIntegerJsonConverter());
        options.Converters.Add(new UtcTimestampJsonConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
