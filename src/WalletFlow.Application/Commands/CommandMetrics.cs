using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace WalletFlow.Application.Commands;

/// <summary>
/// How commands end, in this process since it started: completed, replayed, and rejected by code. A rejection leaves
/// no row anywhere (it never claims its key), so these counters are the only record of them: exported on the
/// <c>WalletFlow.Commands</c> meter (OTLP) and shown on the console's overview.
/// </summary>
public sealed class CommandMetrics : IDisposable
{
    public const string MeterName = "WalletFlow.Commands";

    /// <summary>One span per command run, named after the command, under the same name as the meter.</summary>
    public static readonly System.Diagnostics.ActivitySource Source = new(MeterName);

    private readonly Meter _meter = new(MeterName);
    private readonly ConcurrentDictionary<string, long> _rejections = new(StringComparer.Ordinal);
    private readonly Counter<long> _ended;
    private long _completed;
    private long _replayed;

    public CommandMetrics()
    {
        _ended = _meter.CreateCounter<long>("walletflow.commands.ended", unit: "{command}", description: "Commands ended, by command and outcome (completed, replayed, or the rejection's code).");
    }

    public long Completed => Interlocked.Read(ref _completed);

    public long Replayed => Interlocked.Read(ref _replayed);

    /// <summary>Rejections by code, most frequent first.</summary>
    public IReadOnlyList<(string Code, long Count)> Rejections =>
        [.. _rejections.Select(pair => (pair.Key, pair.Value)).OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal)];

    public long Rejected => _rejections.Values.Sum();

    public void Record(string command, CommandOutcome? outcome, string? rejection)
    {
        var ended = rejection ?? (outcome!.Replayed ? "replayed" : "completed");
        if (rejection is not null)
        {
            _rejections.AddOrUpdate(rejection, 1, (_, count) => count + 1);
        }
        else if (outcome!.Replayed)
        {
            Interlocked.Increment(ref _replayed);
        }
        else
        {
            Interlocked.Increment(ref _completed);
        }

        _ended.Add(1, new KeyValuePair<string, object?>("command", command), new KeyValuePair<string, object?>("outcome", ended));
    }

    public void Dispose() => _meter.Dispose();
}
