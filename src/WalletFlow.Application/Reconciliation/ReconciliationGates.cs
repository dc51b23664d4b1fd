using System.Globalization;
using WalletFlow.Application.ChartOfAccounts;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Reporting;
using WalletFlow.Domain.ChartOfAccounts;

namespace WalletFlow.Application.Reconciliation;

/// <summary>The four gates' verdicts on one snapshot of the books (the playbook "A reconciliation gate is red" starts from them).</summary>
public static class ReconciliationGates
{
    /// <summary>How many mismatches a gate lists in words; it counts them all.</summary>
    public const int MismatchLimit = 100;

    /// <summary>The verdicts on <paramref name="snapshot"/>, classified on the loaded <paramref name="chart"/>, with the loaded templates' drift from the bundle.</summary>
    public static IReadOnlyList<GateResultData> Evaluate(ReconciliationSnapshot snapshot, AccountChart chart, ChartDrift templateDrift)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(templateDrift);
        var balances = ClassifiedBalances.Of(snapshot.Balances, chart);
        return [TrialBalanceGate(balances), HoldsGate(snapshot.Holds), StatementsGate(snapshot.Statements), ChartGate(snapshot, balances, templateDrift)];
    }

    private static GateResultData TrialBalanceGate(ClassifiedBalances balances)
    {
        var trialBalance = TrialBalance.Build(balances, at: null, TimeBasis.Effective);
        var figures = trialBalance.Currencies
            .SelectMany(currency => new[] { new GateFigure($"{currency.Currency} debits", currency.TotalDebit), new GateFigure($"{currency.Currency} credits", currency.TotalCredit) })
            .Prepend(new GateFigure("Currencies", Count(trialBalance.Currencies.Count)))
            .ToList();
        var unbalanced = trialBalance.Currencies
            .Where(currency => !currency.Foots)
            .Select(currency => $"{currency.Currency}: debits {currency.TotalDebit}, credits {currency.TotalCredit}")
            .ToList();
        return Result(ReconciliationGate.TrialBalance, "The trial balance foots", figures, new Mismatches(unbalanced, unbalanced.Count));
    }

    private static GateResultData HoldsGate(HoldComparison holds) => Result(
        ReconciliationGate.Holds,
        "Hold rows equal the ledger's hold balances",
        [new("Open holds", Count(holds.OpenHolds)), new("Hold accounts holding money", Count(holds.HoldAccounts))],
        holds.Mismatches);

    private static GateResultData StatementsGate(StatementComparison statements) => Result(
        ReconciliationGate.Statements,
        "Statements equal the ledger's wallet movements",
        [new("Wallets with a statement", Count(statements.Wallets)), new("Statement lines", Count(statements.Lines)), new("Movements awaiting projection", Count(statements.AwaitingProjection))],
        statements.Mismatches);

    private static GateResultData ChartGate(ReconciliationSnapshot snapshot, ClassifiedBalances balances, ChartDrift templateDrift)
    {
        var mismatches = balances.Unclassified
            .Select(address => $"{address} matches no pattern of the chart of accounts")
            .Concat(templateDrift.Differences)
            .ToList();
        return Result(
            ReconciliationGate.ChartOfAccounts,
            "Every ledger address classifies; the loaded templates are the bundled ones",
            [
                new("Ledger accounts", Count(snapshot.Balances.Select(balance => balance.Address).Distinct(StringComparer.Ordinal).Count())),
                new("Unclassified", Count(balances.Unclassified.Count)),
                new("Template differences", Count(templateDrift.Differences.Count)),
            ],
            new Mismatches([.. mismatches.Take(MismatchLimit)], mismatches.Count));
    }

    private static GateResultData Result(ReconciliationGate gate, string title, IReadOnlyList<GateFigure> figures, Mismatches mismatches) =>
        new(RequestValidator.ToSnakeCase(gate.ToString()), title, mismatches.Count == 0, figures, mismatches.First, mismatches.Count);

    private static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
