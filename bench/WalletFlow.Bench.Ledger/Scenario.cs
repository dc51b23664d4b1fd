using WalletFlow.Ledger;

namespace WalletFlow.Bench.Ledger;

/// <summary>One measured workload: how each worker builds the transactions of one call, and how many per call.</summary>
internal sealed record Scenario(string Name, int BatchSize, Func<Random, TransactionRequest> NextTransaction);

internal sealed record ScenarioResult(Scenario Scenario, long Calls, long Transactions, long Postings, long Failures, TimeSpan Elapsed, double[] CallLatenciesMs)
{
    public double TransactionsPerSecond => Transactions / Elapsed.TotalSeconds;

    public double PostingsPerSecond => Postings / Elapsed.TotalSeconds;

    public double Percentile(double percentile)
    {
        if (CallLatenciesMs.Length == 0)
        {
            return 0;
        }

        var sorted = CallLatenciesMs.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1)];
    }
}
