namespace WalletFlow.Bench.Load;

/// <summary>One measured mode: how each client picks the two wallets of its next transfer.</summary>
internal sealed record Mode(string Name, Func<Random, (string Source, string Destination)> NextPair);

/// <summary>What a mode did: answers by outcome (done, refused, failed), requests that got no answer, and the latency of every answered request.</summary>
internal sealed record LoadResult(Mode Mode, long Success, long Rejected, long ServerErrors, long TransportErrors, TimeSpan Elapsed, double[] LatenciesMs)
{
    public double CommandsPerSecond => Success / Elapsed.TotalSeconds;

    public double Percentile(double percentile)
    {
        if (LatenciesMs.Length == 0)
        {
            return 0;
        }

        var sorted = LatenciesMs.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1)];
    }
}
