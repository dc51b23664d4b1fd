using System.Globalization;
using System.Text;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Text;

namespace WalletFlow.Application.Commands;

/// <summary>
/// The rules every text field of every command obeys, checked once by <see cref="CommandExecutor"/> for every front
/// (REST, gRPC, the console) before a handler reads a field: well-formed Unicode, no control characters (NUL
/// included, which Postgres cannot store), no direction controls, and a length limit: a person's own words (a
/// reference, a reason) up to their field's length, everything else (ids, codes, amounts, timestamps) up to 64. Text
/// is refused, never repaired: a payment reference must reach the ledger exactly as the caller meant it, or not at
/// all. Handlers then check each field's own grammar (a wallet id, a currency code, a provider slug), so no text a
/// handler echoes in a refusal can carry a control character or run to any length.
/// </summary>
public static class RequestText
{
    /// <summary>The longest id, code, amount or timestamp any command takes (slugs are 64 at most, ids 37).</summary>
    public const int MaxCodeLength = 64;

    /// <summary>The fields that hold a person's own words, or a longer value (a URL, a list of event types), and how many characters each may have.</summary>
    private static readonly Dictionary<string, int> FreeText = new(StringComparer.Ordinal)
    {
        ["label"] = 100,
        ["reference"] = 200,
        ["beneficiary"] = 200,
        ["reason"] = 500,
        ["description"] = 200,
        ["url"] = Webhooks.WebhookTargets.MaxUrlLength,
        ["eventTypes"] = 2000,
        ["name"] = 200,
        ["hostnames"] = 2000,
        ["scopes"] = 2000,
        ["ipAllowlist"] = 5000,
    };

    /// <summary>The most characters (Unicode scalar values) the field may hold.</summary>
    public static int MaxLength(string field) => FreeText.GetValueOrDefault(field, MaxCodeLength);

    /// <summary>Every text field of <paramref name="request"/> against the rules; all refusals at once, or null.</summary>
    public static Error? Check(object request, Type requestType)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<Error>();
        foreach (var field in RequestField.Of(requestType))
        {
            if (field.Property.GetValue(request) is string text && Problem(field.Name, text) is { } problem)
            {
                errors.Add(Error.Validation(problem, field.Name));
            }
        }

        return errors.Count == 0 ? null : errors[0] with { Details = errors };
    }

    /// <summary>Why <paramref name="text"/> may not be the value of <paramref name="field"/>, as a sentence for the caller; null if it may.</summary>
    public static string? Problem(string field, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!IsWellFormed(text))
        {
            return $"The {field} is not well-formed Unicode: it holds an unpaired surrogate, which no UTF-8 text can carry. Send the text as valid UTF-8.";
        }

        var length = text.EnumerateRunes().Count();
        var max = MaxLength(field);
        if (length > max)
        {
            return $"The {field} may have at most {max} characters; it has {length}.";
        }

        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsControl(rune))
            {
                return $"The {field} may not hold control characters such as {Name(rune)}: send the text without it.";
            }

            if (IsDirectionControl(rune))
            {
                return $"The {field} may not hold a direction control such as {Name(rune)}: it makes text read differently from what is stored. Send the text without it.";
            }
        }

        return null;
    }

    /// <summary>Whether the text has a UTF-8 form (no unpaired surrogate).</summary>
    public static bool IsWellFormed(string text) => UnicodeText.IsWellFormed(text);

    /// <summary>The embeddings, overrides and isolates of the bidirectional algorithm (the "Trojan Source" characters).</summary>
    private static bool IsDirectionControl(Rune rune) => rune.Value is (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069);

    private static string Name(Rune rune) => $"U+{rune.Value.ToString("X4", CultureInfo.InvariantCulture)}";
}
