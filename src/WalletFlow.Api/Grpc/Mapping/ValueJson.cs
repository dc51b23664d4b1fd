using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;

namespace WalletFlow.Api.Grpc.Mapping;

/// <summary>
/// A free-form JSON value (a stored receipt's data, read back by <c>GetCommand</c>) as <c>google.protobuf.Value</c>
/// and back, node by node. Numbers become doubles, as protobuf's Value holds them.
/// </summary>
internal static class ValueJson
{
    public static Value ToValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => Value.ForStruct(Struct(element)),
        JsonValueKind.Array => Value.ForList([.. element.EnumerateArray().Select(ToValue)]),
        JsonValueKind.String => Value.ForString(element.GetString()),
        JsonValueKind.Number => Value.ForNumber(element.GetDouble()),
        JsonValueKind.True => Value.ForBool(true),
        JsonValueKind.False => Value.ForBool(false),
        _ => Value.ForNull(),
    };

    public static JsonElement ToElement(Value value) => JsonSerializer.SerializeToElement(ToNode(value));

    private static Struct Struct(JsonElement element)
    {
        var result = new Struct();
        foreach (var property in element.EnumerateObject())
        {
            result.Fields[property.Name] = ToValue(property.Value);
        }

        return result;
    }

    private static JsonNode? ToNode(Value value) => value.KindCase switch
    {
        Value.KindOneofCase.StructValue => new JsonObject(value.StructValue.Fields.Select(field => KeyValuePair.Create(field.Key, ToNode(field.Value)))),
        Value.KindOneofCase.ListValue => new JsonArray([.. value.ListValue.Values.Select(ToNode)]),
        Value.KindOneofCase.StringValue => JsonValue.Create(value.StringValue),
        Value.KindOneofCase.NumberValue => JsonValue.Create(value.NumberValue),
        Value.KindOneofCase.BoolValue => JsonValue.Create(value.BoolValue),
        _ => null,
    };
}
