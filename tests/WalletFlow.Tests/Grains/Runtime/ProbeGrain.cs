using WalletFlow.Grains.Runtime;

namespace WalletFlow.Tests.Grains.Runtime;

internal interface IProbeGrain
{
    string Key { get; }

    /// <summary>Which activation of its key this is: 1, 2, ...</summary>
    int Generation { get; }

    bool IsActivated { get; }

    /// <summary>Written only inside turns, so it needs no lock if the runtime keeps its promise.</summary>
    List<int> Log { get; }

    Task<int> EchoAsync(int value);

    Task FailAsync(string message);

    /// <summary>Counts the calls inside the grain at once (across every probe grain of the test) and yields meanwhile.</summary>
    Task TrackConcurrencyAsync();
}

internal sealed class ProbeGrain : IProbeGrain, IGrainLifecycle
{
    private readonly Probe _probe;

    public ProbeGrain(string key, Probe probe)
    {
        Key = key;
        _probe = probe;
        Generation = probe.NextGeneration(key);
    }

    public string Key { get; }

    public int Generation { get; }

    public bool IsActivated { get; private set; }

    public List<int> Log { get; } = [];

    public async Task OnActivateAsync()
    {
        _probe.Activating(this);
        await _probe.OnActivate(this);
        IsActivated = true;
    }

    public async Task OnDeactivateAsync(DeactivationReason reason)
    {
        await _probe.OnDeactivate(this, reason);
        _probe.Deactivated(this, reason);
    }

    public Task<int> EchoAsync(int value)
    {
        Log.Add(value);
        return Task.FromResult(value);
    }

    public async Task FailAsync(string message)
    {
        await Task.Yield();
        throw new InvalidOperationException(message);
    }

    public async Task TrackConcurrencyAsync()
    {
        _probe.CallEntered();
        await Task.Yield();
        await Task.Yield();
        _probe.CallLeft();
    }
}
