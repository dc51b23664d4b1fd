using System.Text.RegularExpressions;

namespace WalletFlow.Domain.Accounts;

/// <summary>
/// Formance ledger v2's account address grammar (<c>pkg/accounts</c>): segments of ASCII letters, digits, '_' and
/// '-', joined by ':'. Any address WalletFlow builds must pass it, or the ledger refuses the posting.
/// </summary>
public static partial class LedgerAddressGrammar
{
    public const char Separator = ':';

    public static bool IsValid(string? address) => address is not null && Address().IsMatch(address);

    public static bool IsValidSegment(string? segment) => segment is not null && Segment().IsMatch(segment);

    // \z, not $: in .NET $ also matches before a trailing newline, which Go's regexp (Formance's) does not.
    [GeneratedRegex("^[a-zA-Z0-9_-]+(:[a-zA-Z0-9_-]+)*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Address();

    [GeneratedRegex("^[a-zA-Z0-9_-]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Segment();
}
