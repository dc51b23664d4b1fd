using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using WalletFlow.Domain.Errors;
using WalletFlow.Grains.Commands;

namespace WalletFlow.Api.Rest;

/// <summary>
/// Reads a command's JSON body into its request record, with the route's values (<c>{holdId}</c>) filled in. An
/// unknown field is refused rather than ignored: a typo in a payment must not silently drop a value.
/// </summary>
internal static class CommandBody
{
    private static readonly JsonSerializerOptions Strict = new(CommandJson.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    public static async Task<Result<object>> ReadAsync(HttpRequest request, Type requestType, CancellationToken cancellationToken)
    {
        JsonObject body;
        try
        {
            var node = request.ContentLength == 0 ? new JsonObject() : await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken) ?? new JsonObject();
            if (node is not JsonObject json)
            {
                return Error.Validation("The request body must be a JSON object.");
            }

            body = json;
        }
        catch (JsonException exception)
        {
            return Error.Validation($"The request body is not valid JSON: {exception.Message}");
        }

        foreach (var (name, value) in request.RouteValues)
        {
            var text = value?.ToString();
            if (body[name] is { } given && given.GetValueKind() == JsonValueKind.String && given.GetValue<string>() != text)
            {
                return Error.Validation($"The body's {name} differs from the one in the path.", name);
            }

            body[name] = text;
        }

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
