using System.Collections.Concurrent;
using System.Diagnostics;

namespace WalletFlow.Bench.Load;

/// <summary>One kind of traffic: how the next transfer picks its two wallets.</summary>
internal sealed record Mode(string Name, Func<Random, (string Source, string Destination)> NextPair);

/// <summary>Sends one transfer of <c>cents</c> and says how it ended, with the first words of a refusal or failure.</summary>
internal delegate Task<(Outcome Outcome, string? Failure)> Send(string source, string destination, int cents);

internal enum Outcome
{
    Done,

    /// <summary>The API refused it (a 4xx, a gRPC rejection): with funds always there, a refusal is a fault.</summary>
    Refused,

    /// <summary>The API failed it (a 5xx, a gRPC server status).</summary>
    Failed,
}

/// <summary>
/// What one run did: answers by outcome, requests that got no answer, the latency of every answered request, and (when
/// the benchmark owns the database) how long after its last answer the outbox relays took to publish what it committed.
/// </summary>
internal sealed record LoadResult(string Protocol, string Mode, string Load, long Done, long Refused, long Failed, long Unanswered, TimeSpan Elapsed, double[] LatenciesMs, string? FirstFailure)
{
    public double CommandsPerSecond => Done / Elapsed.TotalSeconds;

    /// <summary>From the run's end until every event it wrote was published; null when not measured (or not drained in time).</summary>
    public TimeSpan? Drain { get; init; }

    /// <summary>Commands committed and projected (statement lines, webhook deliveries) per second: the run's time includes its drain.</summary>
    public double? ProjectedPerSecond => Drain is { } drain ? Done / (Elapsed + drain).TotalSeconds : null;

    /// <summary>Every transfer committed: none refused, failed or left without an answer.</summary>
    public bool Clean => Refused + Failed + Unanswered == 0;

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

/// <summary>Counts the answers of one run as its transfers come back, from any number of concurrent senders.</summary>
internal sealed class Recorder
{
    private readonly ConcurrentQueue<double> _latencies = new();
    private readonly long[] _outcomes = new long[3];
    private long _unanswered;
    private string? _firstFailure;

    /// <summary>
    /// Sends one transfer; its latency counts from <paramref name="due"/> (a <see cref="Stopwatch"/> timestamp), the
    /// moment it should have left, so that an open-loop run also counts the time it waited behind slow answers.
    /// </summary>
    public async Task SendAsync(Send send, string source, string destination, int cents, long due)
    {
        try
        {
            var (outcome, failure) = await send(source, destination, cents);
            _latencies.Enqueue(Stopwatch.GetElapsedTime(due).TotalMilliseconds);
            Interlocked.Increment(ref _outcomes[(int)outcome]);
            if (failure is not null)
            {
                Interlocked.CompareExchange(ref _firstFailure, failure, null);
            }
        }
        catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException)
        {
            Interlocked.Increment(ref _unanswered);
            Interlocked.CompareExchange(ref _firstFailure, failure.Message, null);
        }
    }

    public LoadResult Result(string protocol, string mode, string load, TimeSpan elapsed) =>
        new(protocol, mode, load, _outcomes[(int)Outcome.Done], _outcomes[(int)Outcome.Refused], _outcomes[(int)Outcome.Failed], _unanswered, elapsed, [.. _latencies], _firstFailure);
}
