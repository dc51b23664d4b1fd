using System.Globalization;
using System.Numerics;
using WalletFlow.Domain.Money;
using WalletFlow.Ledger;

namespace WalletFlow.Application.Commands;

/// <summary>Ledger amounts as the fronts show them: the currency's decimal form next to the exact minor units.</summary>
public static class LedgerViews
{
    public static ReceiptPosting Posting(Posting posting)
    {
        ArgumentNullException.ThrowIfNull(posting);
        return new ReceiptPosting(posting.Source, posting.Destination, Format(posting.Amount, posting.Asset), Minor(posting.Amount), CurrencyOf(posting.Asset));
    }

    public static ReceiptBalance Balance(string account, string asset, BigInteger balance) =>
        new(account, Format(balance, asset), Minor(balance), CurrencyOf(asset));

    public static string Minor(BigInteger amount) => amount.ToString(CultureInfo.InvariantCulture);

    public static string CurrencyOf(string asset) => Currency.FromAsset(asset).TryGetValue(out var currency, out _) ? currency.Code : asset;

    /// <summary>The amount in the currency's decimal form; an asset that is not a known currency keeps its minor units.</summary>
    public static string Format(BigInteger amount, string asset) =>
        Currency.FromAsset(asset).TryGetValue(out var currency, out _) && amount >= long.MinValue && amount <= long.MaxValue
            ? new Money((long)amount, currency).ToDecimalString()
            : Minor(amount);
}
