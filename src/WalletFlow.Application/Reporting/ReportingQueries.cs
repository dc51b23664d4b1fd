using System.Globalization;
using System.Text;
using WalletFlow.Application.Commands;
using WalletFlow.Domain.ChartOfAccounts;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Money;

namespace WalletFlow.Application.Reporting;

/// <summary>The trial balance and the ALM view as operators read them, now or at a point in time.</summary>
public sealed class ReportingQueries(IReportingReads reads)
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
        return balances.Map(read => TrialBalance.Build(ClassifiedBalances.Of(read, AccountChart.Bundled, only), pointInTime, timeBasis));
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
        return balances.Map(read => AlmView.Build(ClassifiedBalances.Of(read, AccountChart.Bundled), pointInTime));
    }

    /// <summary>The trial balance as CSV: a row per currency and GL line, then each currency's totals and its memorandum line (the external world).</summary>
    public static string ToCsv(TrialBalanceData trialBalance)
    {
        ArgumentNullException.ThrowIfNull(trialBalance);
        var csv = new StringBuilder("currency,gl_code,name,class,accounts,debit,credit\n");
        foreach (var currency in trialBalance.Currencies)
        {
            foreach (var line in currency.GlLines)
            {
                AppendLine(csv, line, line.Name);
            }

            csv.Append(CultureInfo.InvariantCulture, $"{currency.Currency},total,{(currency.Foots ? "Totals (foot)" : "Totals (DO NOT FOOT)")},,,{currency.TotalDebit},{currency.TotalCredit}\n");
            if (currency.Memorandum is { } world)
            {
                AppendLine(csv, world, $"{world.Name} (memorandum)");
            }
        }

        return csv.ToString();
    }

    private static void AppendLine(StringBuilder csv, TrialBalanceLine line, string name) =>
        csv.Append(CultureInfo.InvariantCulture, $"{line.Currency},{line.GlCode},{Quoted(name)},{line.AccountClass},{line.Accounts},{line.Debit},{line.Credit}\n");

    private static string Quoted(string text) => text.Contains(',', StringComparison.Ordinal) || text.Contains('"', StringComparison.Ordinal)
        ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
        : text;
}
