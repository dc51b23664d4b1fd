using System.Globalization;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Domain.Money;

/// <summary>
/// Formance writes an asset as the code plus "/scale" (<c>USD/2</c>), and a scale-0 asset as the bare code
/// (<c>JPY</c>). The ledger treats <c>USD/2</c> and <c>USD/3</c> as unrelated assets, so a scale that disagrees with
/// the table is refused rather than trusted.
/// </summary>
internal static class FormanceAsset
{
    public static string Format(Currency currency) =>
        currency.Exponent == 0 ? currency.Code : $"{currency.Code}/{currency.Exponent.ToString(CultureInfo.InvariantCulture)}";

    public static Result<Currency> Parse(string? asset)
    {
        if (string.IsNullOrEmpty(asset))
        {
            return Invalid("An asset is required, for example USD/2 or JPY.");
        }

        var slash = asset.IndexOf('/', StringComparison.Ordinal);
        var code = slash < 0 ? asset : asset[..slash];
        var scaleText = slash < 0 ? null : asset[(slash + 1)..];
        if (code.Length == 0 || (scaleText is not null && !IsCanonicalNumber(scaleText)))
        {
            return Invalid($"'{asset}' is not a Formance asset: write CODE/scale (USD/2) or the bare code for scale 0 (JPY).");
        }

        var found = Currency.Find(code);
        if (!found.TryGetValue(out var currency, out var unknown))
        {
            return unknown;
        }

        var expected = Format(currency);
        if (!string.Equals(expected, asset, StringComparison.Ordinal))
        {
            var scale = currency.Exponent == 0 ? "no decimals" : $"{currency.Exponent} decimals";
            return Invalid($"'{asset}' does not match the currency table: {currency.Code} has {scale}, so its asset is {expected}.");
        }

        return currency;
    }

    private static bool IsCanonicalNumber(string text) =>
        text.Length is > 0 and <= 2 && text.All(char.IsAsciiDigit) && (text.Length == 1 || text[0] != '0');

    private static Error Invalid(string message) => new(ErrorCodes.InvalidAsset, message, "asset");
}
