using System.Collections.Concurrent;
using WalletFlow.Grains.Runtime;

namespace WalletFlow.Tests.Grains.Runtime;

/// <summary>What a test controls and observes of every activation of its <see cref="ProbeGrain"/>s.</summary>
internal sealed class Probe
{
    private readonly ConcurrentDictionary<string, int> _generationByKey = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _activating = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<DeactivationReason>> _deactivated = new();
    private readonly Lock _callsGate = new();
    private int _created;
    private int _concurrentCalls;
    private int _maxConcurrentCalls;

    /// <summary>Hook lifecycle steps in order: <c>activate w1#1</c>, <c>deactivated w1#1 Idle</c>.</summary>
    public ConcurrentQueue<string> Events { get; } = new();

    public Func<ProbeGrain, Task> OnActivate { get; set; } = _ => Task.CompletedTask;

    public Func<ProbeGrain, DeactivationReason, Task> OnDeactivate { get; set; } = (_, _) => Task.CompletedTask;

    public int Created => Volatile.Read(ref _created);

    public int MaxConcurrentCalls
    {
        get
        {
            lock (_callsGate)
            {
                return _maxConcurrentCalls;
            }
        }
    }

    public Task WhenActivating(string key, int generation) => _activating.GetOrAdd($"{key}#{generation}", _ => NewSignal()).Task;

    public Task<DeactivationReason> WhenDeactivated(string key, int generation) =>
        _deactivated.GetOrAdd($"{key}#{generation}", _ => NewSignal<DeactivationReason>()).Task;

    public int NextGeneration(string key)
    {
        Interlocked.Increment(ref _created);
        return _generationByKey.AddOrUpdate(key, 1, (_, generation) => generation + 1);
    }

    public void Activating(ProbeGrain grain)
    {
        Events.Enqueue($"activate {grain.Key}#{grain.Generation}");
        _activating.GetOrAdd($"{grain.Key}#{grain.Generation}", _ => NewSignal()).TrySetResult();
    }

    public void Deactivated(ProbeGrain grain, DeactivationReason reason)
    {
        Events.Enqueue($"deactivated {grain.Key}#{grain.Generation} {reason}");
        _deactivated.GetOrAdd($"{grain.Key}#{grain.Generation}", _ => NewSignal<DeactivationReason>()).TrySetResult(reason);
    }

    public void CallEntered()
    {
        lock (_callsGate)
        {
            _concurrentCalls++;
            _maxConcurrentCalls = Math.Max(_maxConcurrentCalls, _concurrentCalls);
        }
    }

    public void CallLeft()
    {
        lock (_callsGate)
        {
            _concurrentCalls--;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static TaskCompletionSource<T> NewSignal<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
