using System.Globalization;

namespace WalletFlow.Console.Ledger;

/// <summary>A receipt's decimal amount ("12345.6700") as the console shows amounts: grouped, at its own scale, with the currency.</summary>
public static class ReceiptAmountText
{
    public static string Format(string amount, string currency)
    {
        ArgumentNullException.ThrowIfNull(amount);
        if (!decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return $"{amount} {currency}";
        }

        var point = amount.IndexOf('.', StringComparison.Ordinal);
        var scale = point < 0 ? 0 : amount.Length - point - 1;
        return $"{value.ToString("N" + scale.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)} {currency}";
    }

    public static bool IsNegative(string amount) => amount.StartsWith('-');
}
