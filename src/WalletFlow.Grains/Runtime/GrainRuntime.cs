namespace WalletFlow.Grains.Runtime;

/// <summary>
/// The project's in-process stand-in for an Orleans silo: it hosts one <see cref="GrainDirectory{TKey, TGrain}"/> per
/// grain type, collects idle activations on one clock and reports on one meter. One per process; disposing it lets
/// every accepted call finish, refuses new ones, and deactivates every activation.
/// </summary>
public sealed class GrainRuntime : IAsyncDisposable
{
    public const string MeterName = "WalletFlow.Grains";

    private readonly Lock _gate = new();
    private readonly Dictionary<Type, Func<Task>> _stopDirectoryByGrainType = [];
    private TaskCompletionSource? _disposal;

    public GrainRuntime(GrainRuntimeOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        Options = options;
        TimeProvider = timeProvider;
        Metrics = new GrainMetrics(this);
    }

    /// <summary>
    /// An <see cref="IGrainLifecycle.OnDeactivateAsync"/> threw. Raised after the activation is gone, on the thread
    /// that ran the hook; this is the runtime's only channel for failures nobody awaits.
    /// </summary>
    public event EventHandler<GrainDeactivationFailure>? DeactivationFailed;

    internal GrainRuntimeOptions Options { get; }

    internal TimeProvider TimeProvider { get; }

    internal GrainMetrics Metrics { get; }

    /// <summary>
    /// Registers the grain type <typeparamref name="TGrain"/> (usually its interface), whose activations
    /// <paramref name="create"/> makes from their key. Each type is registered once: two directories would mean two
    /// activations per key.
    /// </summary>
    public GrainDirectory<TKey, TGrain> Register<TKey, TGrain>(Func<TKey, TGrain> create)
        where TKey : notnull
        where TGrain : class
    {
        ArgumentNullException.ThrowIfNull(create);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposal is not null, this);
            if (_stopDirectoryByGrainType.ContainsKey(typeof(TGrain)))
            {
                throw new InvalidOperationException($"{typeof(TGrain).Name} is already registered.");
            }

            var directory = new GrainDirectory<TKey, TGrain>(this, create);
            _stopDirectoryByGrainType.Add(typeof(TGrain), directory.StopAsync);
            return directory;
        }
    }

    public ValueTask DisposeAsync()
    {
        Func<Task>[] stopDirectories;
        lock (_gate)
        {
            if (_disposal is not null)
            {
                return new ValueTask(_disposal.Task);
            }

            _disposal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            stopDirectories = [.. _stopDirectoryByGrainType.Values];
        }

        // Started outside the lock: stopping runs deactivation hooks, which are grain code.
        return new ValueTask(StopAsync(stopDirectories, _disposal));
    }

    internal void ReportDeactivationFailure(GrainDeactivationFailure failure) => DeactivationFailed?.Invoke(this, failure);

    private async Task StopAsync(Func<Task>[] stopDirectories, TaskCompletionSource disposal)
    {
        await Task.WhenAll(stopDirectories.Select(stop => stop()));
        Metrics.Dispose();
        disposal.SetResult();
    }
}
