using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Grains.Commands;

/// <summary>
/// Turns the fields a front collected (a JSON body, a posted form) into a command's request record, one way for
/// every front. An unknown field is refused rather than ignored: a typo in a payment must not silently drop a value.
/// </summary>
public static class CommandRequest
{
    private static readonly JsonSerializerOptions Strict = new(CommandJson.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    public static Result<object> FromJson(JsonObject body, Type requestType)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(requestType);
        try
        {
            return body.Deserialize(requestType, Strict) ?? throw new InvalidOperationException("A JSON object deserialized to null.");
        }
        catch (JsonException exception)
        {
            var field = exception.Path?.TrimStart('$', '.') is { Length: > 0 } path ? path : null;
            return Error.Validation(
                field is null ? $"The request body does not match the command: {exception.Message}" : $"The field '{field}' is not valid here: {FirstSentence(exception.Message)}",
                field);
        }
    }

    private static string FirstSentence(string message) => message.Split(". ", 2)[0].TrimEnd('.') + ".";
}
