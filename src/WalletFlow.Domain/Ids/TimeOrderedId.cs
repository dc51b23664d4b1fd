using System.Globalization;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Domain.Ids;

/// <summary>
/// A prefix plus a version-7 Guid in "N" format (<c>wal_019a4c...</c>). Version 7 leads with the creation time in
/// milliseconds, so ids sort by creation and index well; the prefix tells a wallet id from a hold id at a glance.
/// Lowercase hex keeps the id a valid ledger address segment.
/// </summary>
internal static class TimeOrderedId
{
    private const int HexLength = 32;

    public static Guid New(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Guid.CreateVersion7(time.GetUtcNow());
    }

    public static string Format(string prefix, Guid value) => prefix + value.ToString("N", CultureInfo.InvariantCulture);

    public static Result<Guid> Parse(string? text, string prefix, string kind, string field)
    {
        if (text is null
            || text.Length != prefix.Length + HexLength
            || !text.StartsWith(prefix, StringComparison.Ordinal)
            || !text.AsSpan(prefix.Length).ContainsOnlyLowercaseHex()
            || !Guid.TryParseExact(text.AsSpan(prefix.Length), "N", out var value))
        {
            return new Error(ErrorCodes.InvalidId, $"'{text}' is not a {kind}: expected '{prefix}' followed by 32 lowercase hex digits.", field);
        }

        // RFC 9562: version nibble 7 and variant bits 10.
        if (value.Version != 7 || (value.Variant & 0b1100) != 0b1000)
        {
            return new Error(ErrorCodes.InvalidId, $"'{text}' is not a {kind}: its Guid is not a version 7 (time-ordered) Guid.", field);
        }

        return value;
    }

    /// <summary>The creation time carried in the first 48 bits of a version 7 Guid.</summary>
    public static DateTimeOffset Timestamp(Guid value)
    {
        var milliseconds = long.Parse(value.ToString("N", CultureInfo.InvariantCulture).AsSpan(0, 12), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }

    private static bool ContainsOnlyLowercaseHex(this ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }
}
