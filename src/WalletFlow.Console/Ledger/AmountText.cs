using System.Globalization;
using System.Numerics;

namespace WalletFlow.Console.Ledger;

/// <summary>
/// Amounts as people read them: the ledger keeps integers in an asset's minor units (<c>USD/2</c>: cents), the
/// console shows <c>1,234.56 USD</c>. An asset without a precision is shown as the integer it is.
/// </summary>
public static class AmountText
{
    public static string Format(BigInteger amount, string asset)
    {
        var slash = asset.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !int.TryParse(asset.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var precision) || precision is 0 or > 18)
        {
            return $"{amount.ToString("N0", CultureInfo.InvariantCulture)} {asset}";
        }

        var scale = BigInteger.Pow(10, precision);
        var whole = BigInteger.Abs(amount) / scale;
        var fraction = (BigInteger.Abs(amount) % scale).ToString(CultureInfo.InvariantCulture).PadLeft(precision, '0');
        var sign = amount.Sign < 0 ? "-" : "";
        return $"{sign}{whole.ToString("N0", CultureInfo.InvariantCulture)}.{fraction} {asset[..slash]}";
    }
}
