using System.Text.RegularExpressions;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Domain.Ids;

/// <summary>
/// The shape of a human-chosen id (a bank, a counterparty, a fee kind): lowercase letters and digits, words joined
/// by single '-' or '_'. Lowercase only, so "GTB" and "gtb" can never become two ledger accounts; and the shape is
/// valid in every version of Formance's address grammar, including the older one that forbids a leading,
/// trailing or doubled '-'.
/// </summary>
internal static partial class Slug
{
    public const int MaxLength = 64;

    public static Result<string> Validate(string? text, string kind, string field)
    {
        if (string.IsNullOrEmpty(text))
        {
            return new Error(ErrorCodes.InvalidId, $"A {kind} is required.", field);
        }

        return text.Length <= MaxLength && Shape().IsMatch(text)
            ? text
            : new Error(ErrorCodes.InvalidId, $"'{text}' is not a valid {kind}: use up to {MaxLength} lowercase letters and digits, words joined by single '-' or '_'.", field);
    }

    // \z, not $: in .NET $ also matches before a trailing newline.
    [GeneratedRegex("^[a-z0-9]+(?:[-_][a-z0-9]+)*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
