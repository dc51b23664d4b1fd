using System.Globalization;
using System.Numerics;
using WalletFlow.Domain.Money;

namespace WalletFlow.Application.Reporting;

/// <summary>
/// Report totals in a currency's decimal form. Each account's balance fits in 64 bits, but a total over many accounts
/// need not, so the reports add in <see cref="BigInteger"/> and write the digits themselves.
/// </summary>
internal static class MinorUnits
{
    public static string Format(BigInteger minor, Currency currency) => Format(minor, currency.Exponent);

    public static string Format(BigInteger minor, int exponent)
    {
        var digits = BigInteger.Abs(minor).ToString(CultureInfo.InvariantCulture).PadLeft(exponent + 1, '0');
        var sign = minor.Sign < 0 ? "-" : string.Empty;
        return exponent == 0 ? sign + digits : $"{sign}{digits[..^exponent]}.{digits[^exponent..]}";
    }

    public static string Text(BigInteger minor) => minor.ToString(CultureInfo.InvariantCulture);
}
