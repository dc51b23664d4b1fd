using System.Text.Json;
using System.Text.Json.Serialization;

namespace WalletFlow.Application.Commands;

/// <summary>The JSON conventions of commands, receipts and stored plans: camelCase, enums as strings, no nulls dropped.</summary>
public static class CommandJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static JsonElement ToElement<T>(T value) => JsonSerializer.SerializeToElement(value, Options);
}
