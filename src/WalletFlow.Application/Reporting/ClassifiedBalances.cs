using System.Numerics;
using WalletFlow.Domain.ChartOfAccounts;
using WalletFlow.Domain.Money;

namespace WalletFlow.Application.Reporting;

/// <summary>One GL line's balances in one currency: the accounts' balances summed (received less sent), and how many.</summary>
public readonly record struct GlBalance(Currency Currency, GlAccount Gl, BigInteger Net, int Accounts);

/// <summary>
/// The ledger's balances placed on the chart's GL lines, per currency; the reports (trial balance, ALM) and the
/// reconciliation gates all start here. An address the chart cannot place, or an asset that is not a currency, is
/// listed rather than guessed.
/// </summary>
public sealed record ClassifiedBalances(IReadOnlyList<GlBalance> Lines, IReadOnlyList<string> Unclassified)
{
    public static ClassifiedBalances Of(IEnumerable<AccountBalance> balances, AccountChart chart, Currency? only = null)
    {
        ArgumentNullException.ThrowIfNull(balances);
        ArgumentNullException.ThrowIfNull(chart);
        var unclassified = new SortedSet<string>(StringComparer.Ordinal);
        var sums = new Dictionary<(Currency Currency, GlAccount Gl), GlBalance>();
        foreach (var balance in balances)
        {
            if (!chart.Classify(balance.Address).TryGetValue(out var gl, out _))
            {
                unclassified.Add(balance.Address);
                continue;
            }

            if (!Currency.FromAsset(balance.Asset).TryGetValue(out var currency, out _))
            {
                unclassified.Add($"{balance.Address} ({balance.Asset})");
                continue;
            }

            if (only is null || currency == only)
            {
                var sum = sums.GetValueOrDefault((currency, gl), new GlBalance(currency, gl, BigInteger.Zero, 0));
                sums[(currency, gl)] = sum with { Net = sum.Net + balance.Balance, Accounts = sum.Accounts + 1 };
            }
        }

        var lines = sums.Values.OrderBy(line => line.Currency.Code, StringComparer.Ordinal).ThenBy(line => line.Gl.Code, StringComparer.Ordinal).ToList();
        return new ClassifiedBalances(lines, [.. unclassified]);
    }

    /// <summary>The lines of each currency, in currency order.</summary>
    public IEnumerable<IGrouping<Currency, GlBalance>> ByCurrency() => Lines.GroupBy(line => line.Currency);
}
