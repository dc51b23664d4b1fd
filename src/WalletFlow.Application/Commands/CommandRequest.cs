using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.Commands;

/// <summary>
/// Turns the fields a front collected (a JSON body, a posted form) into a command's request record, one way for
/// every front. Names are exact: an unknown field, or a known one spelt in another case (<c>walletID</c>), is refused
/// rather than ignored, because a typo in a payment must not silently drop a value. Every field must hold its kind of
/// value (text, or true/false for a switch) and text must be decodable; every problem is named at once, in sentences
/// that speak of the command's fields, never of the types behind them.
/// </summary>
public static class CommandRequest
{
    private static readonly JsonSerializerOptions Strict = new(CommandJson.Options)
    {
        PropertyNameCaseInsensitive = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static Result<object> FromJson(JsonObject body, Type requestType)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(requestType);
        var fields = RequestField.Of(requestType).ToDictionary(field => field.Name, StringComparer.Ordinal);
        var errors = new List<Error>();
        foreach (var (name, value) in body)
        {
            var problem = fields.TryGetValue(name, out var field) ? Problem(field, value) : Unknown(name, fields.Keys);
            if (problem is not null)
            {
                errors.Add(problem);
            }
        }

        if (errors.Count > 0)
        {
            return errors[0] with { Details = errors };
        }

        try
        {
            return body.Deserialize(requestType, Strict) ?? throw new InvalidOperationException("A JSON object deserialized to null.");
        }
        catch (JsonException exception)
        {
            // Every field was checked above, so this is a gap in those checks: say what a caller can act on, not the
            // serializer's words, which name .NET types.
            var field = exception.Path?.TrimStart('$', '.') is { Length: > 0 } path ? path : null;
            return Error.Validation(
                field is null ? "The request body does not fit this command's fields." : $"The {field} does not hold a value this command accepts.",
                field);
        }
    }

    private static Error? Problem(RequestField field, JsonNode? value)
    {
        if (value is null)
        {
            return null;
        }

        var kind = value.GetValueKind();
        if (field.IsSwitch)
        {
            return kind is JsonValueKind.True or JsonValueKind.False
                ? null
                : Error.Validation($"The {field.Name} must be true or false, not {Describe(kind)}.", field.Name);
        }

        if (kind != JsonValueKind.String)
        {
            var hint = field.IsMoney ? " Send amounts as decimal text in the currency's unit, e.g. \"12.50\": a JSON number would be read as a binary fraction." : string.Empty;
            return Error.Validation($"The {field.Name} must be text (a JSON string), not {Describe(kind)}.{hint}", field.Name);
        }

        try
        {
            return RequestText.IsWellFormed(value.GetValue<string>())
                ? null
                : Error.Validation($"The {field.Name} is not well-formed Unicode: it holds an unpaired surrogate. Send the text as valid UTF-8.", field.Name);
        }
        catch (InvalidOperationException)
        {
            // The parser keeps a string's escapes until it is read: "\ud800" alone has no UTF-16 form to read into.
            return Error.Validation($"The {field.Name} is not well-formed Unicode: it holds an unpaired surrogate (an escape such as \\ud800 with no partner). Send the text as valid UTF-8.", field.Name);
        }
    }

    private static Error Unknown(string name, IEnumerable<string> known)
    {
        var sameButCase = known.FirstOrDefault(field => string.Equals(field, name, StringComparison.OrdinalIgnoreCase));
        var hint = sameButCase is null
            ? $" Its fields are: {string.Join(", ", known)}."
            : $" Field names are case-sensitive: did you mean '{sameButCase}'?";
        return Error.Validation($"'{Printable(name)}' is not a field of this command.{hint}", Printable(name));
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "text",
        _ => "null",
    };

    /// <summary>An unknown name is echoed only as far as it is printable ASCII: it came from the caller and may hold anything.</summary>
    private static string Printable(string name)
    {
        var shown = new string([.. name.Take(64).Select(c => c is >= ' ' and <= '~' ? c : '?')]);
        return name.Length > 64 ? shown + "..." : shown;
    }
}
