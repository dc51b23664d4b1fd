using System.Collections.Concurrent;
using Polly.CircuitBreaker;
using WalletFlow.Application.Commands;

namespace WalletFlow.Api.Payouts.Providers;

/// <summary>One provider's recent calls from this process: how many, how many got a readable answer, how fast, and its circuit.</summary>
public sealed record ProviderHealthData(
    string Name,
    [property: Choice(typeof(ProviderStatus))] string Status,
    [property: Choice(typeof(CircuitStatus))] string Circuit,
    int Calls,
    int Answered,
    double? SuccessRate,
    double? LatencyP50Milliseconds,
    double? LatencyP95Milliseconds,
    DateTimeOffset? LastCallAt);

/// <summary>What <c>/health/providers</c> answers: every configured provider over the last <see cref="WindowSeconds"/>.</summary>
public sealed record ProvidersHealthData([property: Choice(typeof(ProviderStatus))] string Status, int WindowSeconds, IReadOnlyList<ProviderHealthData> Providers);

/// <summary>
/// How a provider is doing: no calls lately (idle), answering (healthy), answering less than
/// <see cref="ProviderHealth.HealthyRate"/> of calls (degraded), or its circuit open (down).
/// </summary>
public enum ProviderStatus
{
    Idle,
    Healthy,
    Degraded,
    Down,
}

/// <summary>The state of a provider's circuit breaker (Polly's, in the standard resilience handler).</summary>
public enum CircuitStatus
{
    Closed,
    Open,
    HalfOpen,
    Isolated,
}

/// <summary>
/// The providers' recent calls (a sliding window, per process) and their circuit breakers' states, read from the
/// standard resilience handler through a <see cref="CircuitBreakerStateProvider"/> per provider. A call is answered
/// when the provider's answer could be read (paid, failed, pending, not found); an ambiguous one is not.
/// </summary>
public sealed class ProviderHealth(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>Below this share of answered calls (over at least <see cref="MinimumCalls"/>), a provider is degraded.</summary>
    public const double HealthyRate = 0.9;

    public const int MinimumCalls = 5;

    private readonly ConcurrentDictionary<string, CircuitBreakerStateProvider> _circuits = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Call>> _calls = new(StringComparer.Ordinal);

    /// <summary>The state provider the provider's circuit breaker reports to (one per provider, attached once).</summary>
    public CircuitBreakerStateProvider CircuitOf(string provider) => _circuits.GetOrAdd(provider, _ => new CircuitBreakerStateProvider());

    public void Record(string provider, bool answered, TimeSpan latency)
    {
        var calls = _calls.GetOrAdd(provider, _ => new ConcurrentQueue<Call>());
        var now = time.GetUtcNow();
        calls.Enqueue(new Call(now, answered, latency));
        while (calls.TryPeek(out var oldest) && oldest.At < now - Window && calls.TryDequeue(out _))
        {
        }
    }

    public ProvidersHealthData Read(IEnumerable<string> providers)
    {
        var since = time.GetUtcNow() - Window;
        var each = providers.Order(StringComparer.Ordinal).Select(name => Read(name, since)).ToList();
        var worst = each.Select(provider => provider.Status).Append(ProviderStatus.Healthy).Max();
        return new ProvidersHealthData(Text(worst), (int)Window.TotalSeconds, [.. each.Select(provider => provider.Data)]);
    }

    private (ProviderStatus Status, ProviderHealthData Data) Read(string name, DateTimeOffset since)
    {
        var calls = _calls.TryGetValue(name, out var queue) ? queue.Where(call => call.At >= since).ToList() : [];
        var circuit = _circuits.TryGetValue(name, out var provider) ? Describe(provider) : CircuitStatus.Closed;
        var answered = calls.Count(call => call.Answered);
        double? rate = calls.Count == 0 ? null : Math.Round((double)answered / calls.Count, 4);
        var latencies = calls.Select(call => call.Latency.TotalMilliseconds).Order().ToList();
        var status = circuit is CircuitStatus.Open or CircuitStatus.Isolated ? ProviderStatus.Down
            : calls.Count >= MinimumCalls && rate < HealthyRate ? ProviderStatus.Degraded
            : calls.Count == 0 ? ProviderStatus.Idle
            : ProviderStatus.Healthy;
        var data = new ProviderHealthData(
            name, Text(status), Text(circuit), calls.Count, answered, rate, Percentile(latencies, 0.5), Percentile(latencies, 0.95), calls.Count == 0 ? null : calls.Max(call => call.At));
        return (status, data);
    }

    private static CircuitStatus Describe(CircuitBreakerStateProvider provider) => provider.CircuitState switch
    {
        CircuitState.Open => CircuitStatus.Open,
        CircuitState.HalfOpen => CircuitStatus.HalfOpen,
        CircuitState.Isolated => CircuitStatus.Isolated,
        _ => CircuitStatus.Closed,
    };

    private static string Text<T>(T value)
        where T : struct, Enum => RequestValidator.ToSnakeCase(value.ToString());

    private static double? Percentile(List<double> ordered, double share) =>
        ordered.Count == 0 ? null : Math.Round(ordered[(int)Math.Ceiling(share * ordered.Count) - 1], 1);

    private sealed record Call(DateTimeOffset At, bool Answered, TimeSpan Latency);
}
