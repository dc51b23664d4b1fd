using System.Text.Json;
using System.Text.Json.Nodes;
using WalletFlow.Domain.Errors;
using WalletFlow.Grains.Commands;

namespace WalletFlow.Api.Rest;

/// <summary>
/// Reads a command's JSON body into its request record, with the route's values (<c>{holdId}</c>) filled in. An
/// unknown field is refused rather than ignored: a typo in a payment must not silently drop a value.
/// </summary>
internal static class CommandBody
{
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

        return CommandRequest.FromJson(body, requestType);
    }
}
