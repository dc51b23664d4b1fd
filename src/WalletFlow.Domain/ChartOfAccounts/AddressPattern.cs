using WalletFlow.Domain.Accounts;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Domain.ChartOfAccounts;

/// <summary>
/// A ledger address with '*' standing for exactly one segment: <c>wallets:*:available</c> matches
/// <c>wallets:wal_01…:available</c> and nothing with more or fewer segments.
/// </summary>
public sealed record AddressPattern
{
    private const string Wildcard = "*";

    private AddressPattern(string text, string[] segments)
    {
        Text = text;
        Segments = segments;
    }

    public string Text { get; }

    public IReadOnlyList<string> Segments { get; }

    public static Result<AddressPattern> Parse(string? text)
    {
        var segments = (text ?? string.Empty).Split(LedgerAddressGrammar.Separator);
        return text is { Length: > 0 } && segments.All(s => s == Wildcard || LedgerAddressGrammar.IsValidSegment(s))
            ? new AddressPattern(text, segments)
            : new Error(ErrorCodes.Validation, $"'{text}' is not an address pattern: segments of letters, digits, '_' and '-', or '*', joined by ':'.");
    }

    public bool Matches(IReadOnlyList<string> addressSegments) =>
        addressSegments.Count == Segments.Count
        && Segments.Select((segment, i) => segment == Wildcard || segment == addressSegments[i]).All(match => match);

    /// <summary>
    /// Whether some address matches both patterns; if so, <paramref name="example"/> is one. Two patterns overlap when
    /// they have as many segments and, position by position, agree or one of them is '*'.
    /// </summary>
    public bool Overlaps(AddressPattern other, out string example)
    {
        example = string.Empty;
        if (other.Segments.Count != Segments.Count)
        {
            return false;
        }

        var shared = new string[Segments.Count];
        for (var i = 0; i < Segments.Count; i++)
        {
            var (mine, theirs) = (Segments[i], other.Segments[i]);
            if (mine != Wildcard && theirs != Wildcard && mine != theirs)
            {
                return false;
            }

            shared[i] = mine != Wildcard ? mine : theirs != Wildcard ? theirs : "x";
        }

        example = string.Join(LedgerAddressGrammar.Separator, shared);
        return true;
    }

    public override string ToString() => Text;
}
