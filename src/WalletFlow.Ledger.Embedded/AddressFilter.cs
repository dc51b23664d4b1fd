using WalletFlow.Domain.Errors;
using WalletFlow.Ledger.Numscript.Runtime;

namespace WalletFlow.Ledger.Embedded;

/// <summary>
/// An account filter as a Postgres regular expression: an exact address; an empty segment matches any one segment
/// (<c>wallets::available</c>); a trailing <c>:</c> matches everything below (<c>wallets:</c>). Segments hold only
/// letters, digits, <c>_</c> and <c>-</c>, so nothing needs escaping.
/// </summary>
internal static class AddressFilter
{
    /// <summary>No filter: every address.</summary>
    public const string Everything = ".*";

    public static Result<string> ToRegex(string? pattern)
    {
        if (pattern is null)
        {
            return Everything;
        }

        if (pattern.Length == 0)
        {
            return Error.Validation("An address filter cannot be empty.", "address");
        }

        var prefix = pattern.EndsWith(':');
        var segments = (prefix ? pattern[..^1] : pattern).Split(':');
        var parts = new List<string>(segments.Length);
        foreach (var segment in segments)
        {
            if (segment.Length == 0)
            {
                parts.Add("[^:]+");
            }
            else if (LedgerNames.IsValidAccount(segment))
            {
                parts.Add(segment);
            }
            else
            {
                return Error.Validation($"'{pattern}' is not an address filter: segments hold letters, digits, '_' and '-'.", "address");
            }
        }

        return "^" + string.Join(':', parts) + (prefix ? ":.+$" : "$");
    }
}
