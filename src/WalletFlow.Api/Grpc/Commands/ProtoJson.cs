using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using WalletFlow.Domain.Errors;
using WalletFlow.Grains.Commands;

namespace WalletFlow.Api.Grpc.Commands;

/// <summary>
/// Messages to records and back through JSON, generically: the generated messages' JSON names are the records' JSON
/// names (<see cref="CommandProtoWriter"/>), so protobuf's JSON mapping and <see cref="CommandJson"/> meet exactly. A
/// record field the message lacks fails loudly (unknown fields are not ignored): the contract has drifted.
/// </summary>
internal static class ProtoJson
{
    /// <summary>lowerCamelCase JSON names (proto field names not preserved), default values left out: an empty string reaches the record as null.</summary>
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithPreserveProtoFieldNames(false).WithFormatDefaultValues(false));

    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    /// <summary>The request record a message carries, or <c>VALIDATION</c> when a value does not fit its field (an int64 beyond the record's range).</summary>
    public static Result<object> ToRecord(IMessage message, Type recordType)
    {
        var json = JsonNode.Parse(Formatter.Format(message));
        MoneyJson.ToDecimal(json, recordType);
        try
        {
            return json.Deserialize(recordType, CommandJson.Options) ?? throw new InvalidOperationException($"{json} deserialized to null.");
        }
        catch (JsonException exception)
        {
            var field = exception.Path?.TrimStart('$', '.') is { Length: > 0 } path ? path : null;
            return Error.Validation(field is null ? $"The request does not fit the command: {exception.Message}" : $"The field '{field}' is not valid here.", field);
        }
    }

    /// <summary>
    /// A record as the message <paramref name="descriptor"/> describes. A record that does not fit is the server's
    /// bug (the committed contract is older than the code), not the caller's: it fails the call as INTERNAL, logged.
    /// </summary>
    /// <remarks><paramref name="shape"/> is the type whose money marks apply (a receipt's typed form), when it differs from the value's own.</remarks>
    public static IMessage ToMessage(object value, Type valueType, MessageDescriptor descriptor, Type? shape = null)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var json = JsonSerializer.SerializeToNode(value, valueType, CommandJson.Options);
        MoneyJson.ToMinor(json, shape ?? valueType);
        try
        {
            return Parser.Parse(json!.ToJsonString(), descriptor);
        }
        catch (InvalidProtocolBufferException exception)
        {
            throw new InvalidOperationException(
                $"{valueType.Name} does not fit {descriptor.FullName} ({exception.Message}): regenerate the protos ({CommandProtoWriter.RegenerateCommand}) and rebuild.", exception);
        }
    }
}
