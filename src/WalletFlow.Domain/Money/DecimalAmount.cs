using System.Globalization;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Domain.Money;

/// <summary>
/// Decimal text at a currency's scale, both ways. Parsing is deliberately narrow: digits, at most one '.', and a
/// leading '-' only when asked for. Anything a person might mean differently (exponents, separators, spaces, '+')
/// is refused, and extra decimals are refused rather than rounded, because a rounded amount is a different amount.
/// </summary>
internal static class DecimalAmount
{
    private const string Field = "amount";

    private static readonly UInt128 MaxPositive = long.MaxValue;
    private static readonly UInt128 MaxNegative = (UInt128)long.MaxValue + 1;

    public static long PowerOfTen(int exponent)
    {
        long factor = 1;
        for (var i = 0; i < exponent; i++)
        {
            factor *= 10;
        }

        return factor;
    }

    public static Result<long> Parse(string? text, Currency currency, AmountSign sign)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Invalid("An amount is required.");
        }

        var position = 0;
        var negative = text[0] == '-';
        if (negative)
        {
            if (sign == AmountSign.NonNegative)
            {
                return Invalid($"'{text}' is negative; only non-negative amounts are accepted here.");
            }

            position = 1;
        }

        var integerStart = position;
        while (position < text.Length && char.IsAsciiDigit(text[position]))
        {
            position++;
        }

        var integerDigits = text.AsSpan(integerStart, position - integerStart);
        var fractionDigits = ReadOnlySpan<char>.Empty;
        var hasPoint = position < text.Length && text[position] == '.';
        if (hasPoint)
        {
            var fractionStart = ++position;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                position++;
            }

            fractionDigits = text.AsSpan(fractionStart, position - fractionStart);
        }

        if (integerDigits.IsEmpty || (hasPoint && fractionDigits.IsEmpty) || position != text.Length)
        {
            return Invalid($"'{text}' is not a plain decimal amount: use digits with at most one '.', no sign, spaces, separators or exponent.");
        }

        if (fractionDigits.Length > currency.Exponent)
        {
            var allowed = currency.Exponent == 0 ? "no decimals" : $"{currency.Exponent} decimals";
            return Invalid($"'{text}' has {fractionDigits.Length} decimals but {currency.Code} allows {allowed}.");
        }

        var limit = negative ? MaxNegative : MaxPositive;
        UInt128 magnitude = 0;
        foreach (var digit in integerDigits)
        {
            if (!TryAppend(ref magnitude, digit, limit))
            {
                return Overflow(text, currency);
            }
        }

        for (var i = 0; i < currency.Exponent; i++)
        {
            var digit = i < fractionDigits.Length ? fractionDigits[i] : '0';
            if (!TryAppend(ref magnitude, digit, limit))
            {
                return Overflow(text, currency);
            }
        }

        return negative ? (long)-(Int128)magnitude : (long)magnitude;
    }

    public static string Format(long minor, int exponent)
    {
        var digits = Magnitude(minor).ToString(CultureInfo.InvariantCulture);
        var sign = minor < 0 ? "-" : string.Empty;
        if (exponent == 0)
        {
            return sign + digits;
        }

        digits = digits.PadLeft(exponent + 1, '0');
        return $"{sign}{digits[..^exponent]}.{digits[^exponent..]}";
    }

    /// <summary>The absolute value without overflowing on <see cref="long.MinValue"/>.</summary>
    public static ulong Magnitude(long minor) => minor < 0 ? (ulong)(-(minor + 1)) + 1 : (ulong)minor;

    private static bool TryAppend(ref UInt128 magnitude, char digit, UInt128 limit)
    {
        magnitude = (magnitude * 10) + (uint)(digit - '0');
        return magnitude <= limit;
    }

    private static Error Invalid(string message) => new(ErrorCodes.InvalidAmount, message, Field);

    private static Error Overflow(string text, Currency currency) =>
        new(ErrorCodes.AmountOverflow, $"'{text}' {currency.Code} does not fit in 64-bit minor units.", Field);
}
