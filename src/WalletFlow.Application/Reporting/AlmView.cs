using System.Numerics;
using WalletFlow.Domain.ChartOfAccounts;
using WalletFlow.Domain.Money;

namespace WalletFlow.Application.Reporting;

/// <summary>
/// Assets against liabilities per currency: what WalletFlow holds (banks, the GPS pool, stablecoins, OTC balances)
/// against what it owes (customer wallets, their holds and reserves, suspense). A negative gap means customers are
/// owed more than WalletFlow holds in that currency.
/// </summary>
public sealed record AlmData(DateTimeOffset? At, IReadOnlyList<AlmCurrency> Currencies);

public sealed record AlmCurrency(
    string Currency,
    IReadOnlyList<AlmLine> Assets,
    IReadOnlyList<AlmLine> Liabilities,
    [property: Commands.Money("Currency")] string TotalAssets,
    [property: Commands.Money("Currency")] string TotalLiabilities,
    [property: Commands.Money("Currency")] string Gap,
    string TotalAssetsMinor,
    string TotalLiabilitiesMinor,
    string GapMinor,
    string? Coverage);

/// <summary>A GL line's balance: an asset's holdings or a liability's debt (negative when it sits on the other side).</summary>
public sealed record AlmLine(string Currency, string GlCode, string Name, [property: Commands.Money("Currency")] string Total, string TotalMinor);

public static class AlmView
{
    public static AlmData Build(ClassifiedBalances balances, DateTimeOffset? at)
    {
        ArgumentNullException.ThrowIfNull(balances);
        return new AlmData(at, [.. balances.ByCurrency().Select(group => CurrencyOf(group.Key, [.. group]))]);
    }

    private static AlmCurrency CurrencyOf(Currency currency, IReadOnlyList<GlBalance> lines)
    {
        // A ledger balance is received less sent, so it is already positive on an asset that holds value and on a liability that is owed.
        var assets = lines.Where(line => line.Gl.Class == AccountClass.Asset).ToList();
        var liabilities = lines.Where(line => line.Gl.Class == AccountClass.Liability).ToList();
        var totalAssets = assets.Aggregate(BigInteger.Zero, (total, line) => total + line.Net);
        var totalLiabilities = liabilities.Aggregate(BigInteger.Zero, (total, line) => total + line.Net);
        var gap = totalAssets - totalLiabilities;
        return new AlmCurrency(
            currency.Code,
            [.. assets.Select(LineOf)],
            [.. liabilities.Select(LineOf)],
            MinorUnits.Format(totalAssets, currency),
            MinorUnits.Format(totalLiabilities, currency),
            MinorUnits.Format(gap, currency),
            MinorUnits.Text(totalAssets),
            MinorUnits.Text(totalLiabilities),
            MinorUnits.Text(gap),
            totalLiabilities.IsZero ? null : MinorUnits.Format(totalAssets * 10_000 / totalLiabilities, exponent: 2) + "%");
    }

    private static AlmLine LineOf(GlBalance line) =>
        new(line.Currency.Code, line.Gl.Code, line.Gl.Name, MinorUnits.Format(line.Net, line.Currency), MinorUnits.Text(line.Net));
}
