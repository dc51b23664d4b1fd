using System.Globalization;
using System.Numerics;

namespace WalletFlow.Ledger.Numscript.Runtime;

/// <summary>
/// Reads a variable (or a metadata value) given as a string, with the formats of Formance's parseVar: monetary
/// <c>"USD/2 100"</c> (one space), account <c>"users:1"</c>, number <c>"-42"</c>, portion <c>"12.5%"</c> or
/// <c>"1/3"</c> between 0 and 1, asset <c>"USD/2"</c>, string as is.
/// </summary>
internal static class VariableValues
{
    public static bool TryParse(NumscriptType type, string raw, out Value value, out string reason)
    {
        value = default;
        reason = string.Empty;
        switch (type)
        {
            case NumscriptType.Monetary:
                return TryParseMonetary(raw, out value, out reason);
            case NumscriptType.Account when LedgerNames.IsValidAccount(raw):
                value = Value.Account(raw);
                return true;
            case NumscriptType.Account:
                reason = "expected an address such as 'users:1': segments of letters, digits, '_' or '-' separated by ':', without '@'";
                return false;
            case NumscriptType.Number when TryParseInteger(raw, out var number):
                value = Value.Number(number);
                return true;
            case NumscriptType.Number:
                reason = "expected a whole number such as '42'";
                return false;
            case NumscriptType.String:
                value = Value.String(raw);
                return true;
            case NumscriptType.Portion when TryParsePortion(raw, out var portion, out reason):
                value = Value.OfPortion(portion);
                return true;
            case NumscriptType.Portion:
                return false;
            case NumscriptType.Asset when LedgerNames.IsValidAsset(raw):
                value = Value.Asset(raw);
                return true;
            case NumscriptType.Asset:
                reason = "expected an asset such as 'USD/2' or 'JPY'";
                return false;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, null);
        }
    }

    private static bool TryParseMonetary(string raw, out Value value, out string reason)
    {
        value = default;
        var space = raw.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0 || raw.IndexOf(' ', space + 1) >= 0)
        {
            reason = "expected an asset and an amount separated by one space, such as 'USD/2 100'";
            return false;
        }

        var asset = raw[..space];
        if (!TryParseInteger(raw.AsSpan(space + 1), out var amount))
        {
            reason = $"'{raw[(space + 1)..]}' is not a whole number";
            return false;
        }

        if (!LedgerNames.IsValidAsset(asset))
        {
            reason = $"'{asset}' is not an asset such as 'USD/2'";
            return false;
        }

        value = Value.Monetary(asset, amount);
        reason = string.Empty;
        return true;
    }

    /// <summary>An optional sign then ASCII digits, as Go's <c>big.Int.SetString(s, 10)</c> reads them.</summary>
    public static bool TryParseInteger(ReadOnlySpan<char> text, out BigInteger number)
    {
        number = default;
        var digits = text.Length > 0 && text[0] is '+' or '-' ? text[1..] : text;
        if (digits.IsEmpty)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        if (digits.Length <= 18)
        {
            // Fits in a long: skip BigInteger.Parse, the costliest step of binding a typical amount.
            var small = 0L;
            foreach (var c in digits)
            {
                small = (small * 10) + (c - '0');
            }

            number = text[0] == '-' ? -small : small;
            return true;
        }

        number = BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary><c>^[0-9]+(\.[0-9]+)?%$</c> or <c>^[0-9]+\s?/\s?[0-9]+$</c>, then within [0, 1] (Formance's ParsePortionSpecific).</summary>
    public static bool TryParsePortion(string raw, out Rational portion, out string reason)
    {
        portion = default;
        if (TryParsePercentage(raw, out portion) || TryParseFraction(raw, out portion, out var zeroDenominator))
        {
            if (portion.Sign < 0 || portion.CompareTo(Rational.One) > 0)
            {
                reason = "a portion must be between 0% and 100% inclusive";
                return false;
            }

            reason = string.Empty;
            return true;
        }

        reason = zeroDenominator ? "a fraction cannot have a zero denominator" : "expected a percentage such as '12.5%' or a fraction such as '1/3'";
        return false;
    }

    private static bool TryParsePercentage(string raw, out Rational portion)
    {
        portion = default;
        if (raw.Length < 2 || raw[^1] != '%')
        {
            return false;
        }

        var body = raw.AsSpan(0, raw.Length - 1);
        var dot = body.IndexOf('.');
        var integral = dot < 0 ? body : body[..dot];
        var decimals = dot < 0 ? [] : body[(dot + 1)..];
        if (!AllDigits(integral) || (dot >= 0 && !AllDigits(decimals)))
        {
            return false;
        }

        var numerator = BigInteger.Parse(string.Concat(integral, decimals), NumberStyles.None, CultureInfo.InvariantCulture);
        portion = Rational.Create(numerator, 100 * BigInteger.Pow(10, decimals.Length));
        return true;
    }

    private static bool TryParseFraction(string raw, out Rational portion, out bool zeroDenominator)
    {
        portion = default;
        zeroDenominator = false;
        var slash = raw.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return false;
        }

        var numerator = TrimOneSpace(raw.AsSpan(0, slash), atEnd: true);
        var denominator = TrimOneSpace(raw.AsSpan(slash + 1), atEnd: false);
        if (!AllDigits(numerator) || !AllDigits(denominator))
        {
            return false;
        }

        var den = BigInteger.Parse(denominator, NumberStyles.None, CultureInfo.InvariantCulture);
        if (den.IsZero)
        {
            zeroDenominator = true;
            return false;
        }

        portion = Rational.Create(BigInteger.Parse(numerator, NumberStyles.None, CultureInfo.InvariantCulture), den);
        return true;
    }

    /// <summary>RE2's <c>\s?</c> next to the slash: at most one of space, tab, newline, form feed or carriage return.</summary>
    private static ReadOnlySpan<char> TrimOneSpace(ReadOnlySpan<char> text, bool atEnd)
    {
        if (text.IsEmpty)
        {
            return text;
        }

        var c = atEnd ? text[^1] : text[0];
        if (c is not (' ' or '\t' or '\n' or '\f' or '\r'))
        {
            return text;
        }

        return atEnd ? text[..^1] : text[1..];
    }

    private static bool AllDigits(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
