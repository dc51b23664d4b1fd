using System.Globalization;
using WalletFlow.Application.Commands;
using WalletFlow.Application.ChartOfAccounts;
using WalletFlow.Domain.ChartOfAccounts;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Money;

namespace WalletFlow.Application.Reporting;

/// <summary>The trial balance and the ALM view as operators read them, now or at a point in time.</summary>
public sealed class ReportingQueries(IReportingReads reads, ChartCatalog catalog)
{
    /// <summary>
    /// The trial balance at <paramref name="at"/> (ISO 8601; now when absent) by <paramref name="basis"/>
    /// (<c>effective</c>, the default, or <c>insertion</c>), of every currency or only <paramref name="currency"/>.
    /// </summary>
    public async Task<Result<TrialBalanceData>> GetTrialBalanceAsync(string? at, string? basis, string? currency, CancellationToken cancellationToken)
    {
        var fields = new RequestValidator();
        var pointInTime = at is null ? (DateTimeOffset?)null : fields.Timestamp(at, "at");
        var timeBasis = basis is null ? TimeBasis.Effective : fields.Choice<TimeBasis>(basis, "basis");
        var only = currency is null ? null : fields.Currency(currency, "currency");
        if (fields.Failed(out var error))
        {
            return error;
        }

        var balances = await reads.BalancesAsync(pointInTime, timeBasis, cancellationToken);
        var chart = await catalog.LoadedChartAsync(cancellationToken);
        return balances.Map(read => TrialBalance.Build(ClassifiedBalances.Of(read, chart, only), pointInTime, timeBasis));
    }

    /// <summary>Assets against liabilities per currency, now or at <paramref name="at"/> (ISO 8601) by effective date.</summary>
    public async Task<Result<AlmData>> GetAlmAsync(string? at, CancellationToken cancellationToken)
    {
        var fields = new RequestValidator();
        var pointInTime = at is null ? (DateTimeOffset?)null : fields.Timestamp(at, "at");
        if (fields.Failed(out var error))
        {
            return error;
        }

        var balances = await reads.BalancesAsync(pointInTime, TimeBasis.Effective, cancellationToken);
        var chart = await catalog.LoadedChartAsync(cancellationToken);
        return balances.Map(read => AlmView.Build(ClassifiedBalances.Of(read, chart), pointInTime));
    }

    /// <summary>The trial balance as RFC 4180 CSV: a row per currency and GL line, then each currency's totals and its memorandum line (the external world).</summary>
    public static string ToCsv(TrialBalanceData trialBalance) =>
        CsvText.Document(["currency", "gl_code", "name", "class", "accounts", "debit", "credit"], CsvRows(trialBalance));

    private static IEnumerable<string[]> CsvRows(TrialBalanceData trialBalance)
    {
        ArgumentNullException.ThrowIfNull(trialBalance);
        foreach (var currency in trialBalance.Currencies)
        {
            foreach (var line in currency.GlLines)
            {
                yield return Row(line, line.Name);
            }

            yield return [currency.Currency, "total", currency.Foots ? "Totals (foot)" : "Totals (DO NOT FOOT)", "", "", currency.TotalDebit, currency.TotalCredit];
            if (currency.Memorandum is { } world)
            {
                yield return Row(world, $"{world.Name} (memorandum)");
            }
        }
    }

    private static string[] Row(TrialBalanceLine line, string name) =>
        [line.Currency, line.GlCode, name, line.AccountClass, line.Accounts.ToString(CultureInfo.InvariantCulture), line.Debit, line.Credit];
}
