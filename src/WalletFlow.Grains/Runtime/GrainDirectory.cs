namespace WalletFlow.Grains.Runtime;

/// <summary>
/// The activations of one grain type, by key: where callers get a <see cref="GrainReference{TKey, TGrain}"/> (Orleans'
/// <c>GetGrain</c>). In this process, at most one activation per key takes calls at a time, and an activation that
/// replaces one being collected starts only once that one is gone.
/// </summary>
public sealed class GrainDirectory<TKey, TGrain>
    where TKey : notnull
    where TGrain : class
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, Activation<TKey, TGrain>> _activations = [];
    private readonly Func<TKey, TGrain> _create;
    private bool _stopping;

    internal GrainDirectory(GrainRuntime runtime, Func<TKey, TGrain> create)
    {
        Runtime = runtime;
        _create = create;
        Metrics = runtime.Metrics.For(GrainType);
    }

    internal GrainRuntime Runtime { get; }

    internal string GrainType { get; } = typeof(TGrain).Name;

    internal GrainTypeMetrics Metrics { get; }

    public GrainReference<TKey, TGrain> Get(TKey key) => new(this, key);

    internal Task<TResult> InvokeAsync<TResult>(TKey key, Func<TGrain, Task<TResult>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return cancellationToken.IsCancellationRequested
            ? Task.FromCanceled<TResult>(cancellationToken)
            : Submit(key, new Call<TGrain, TResult>(call, cancellationToken, Runtime.TimeProvider.GetTimestamp()));
    }

    internal Task<TResponse> InvokeBatchedAsync<TRequest, TResponse>(TKey key, TRequest request, CancellationToken cancellationToken)
    {
        if (!typeof(IBatchingGrain<TRequest, TResponse>).IsAssignableFrom(typeof(TGrain)))
        {
            throw new InvalidOperationException(
                $"{GrainType} does not implement IBatchingGrain<{typeof(TRequest).Name}, {typeof(TResponse).Name}>.");
        }

        return cancellationToken.IsCancellationRequested
            ? Task.FromCanceled<TResponse>(cancellationToken)
            : Submit(key, new BatchedRequest<TGrain, TRequest, TResponse>(request, cancellationToken, Runtime.TimeProvider.GetTimestamp()));
    }

    internal TGrain Create(TKey key) => _create(key);

    /// <summary>Called by an activation once it is gone; a successor already in its place is left alone.</summary>
    internal void Forget(TKey key, Activation<TKey, TGrain> activation)
    {
        lock (_gate)
        {
            if (_activations.TryGetValue(key, out var current) && current == activation)
            {
                _activations.Remove(key);
            }
        }
    }

    /// <summary>Refuses new calls, then drains and deactivates every activation.</summary>
    internal Task StopAsync()
    {
        Activation<TKey, TGrain>[] activations;
        lock (_gate)
        {
            _stopping = true;
            activations = [.. _activations.Values];
        }

        return Task.WhenAll(activations.Select(activation => activation.ShutdownAsync()));
    }

    private Task<TResult> Submit<TResult>(TKey key, MailboxItem<TGrain, TResult> item)
    {
        item.WatchCancellation();
        Activation<TKey, TGrain>? refused = null;
        while (true)
        {
            Activation<TKey, TGrain> activation;
            lock (_gate)
            {
                if (_stopping)
                {
                    item.Fail(new ObjectDisposedException(nameof(GrainRuntime), "The grain runtime is shutting down."));
                    return item.Completion;
                }

                activation = CurrentOrSuccessor(key, refused);
            }

            if (activation.TryEnqueue(item))
            {
                return item.Completion;
            }

            refused = activation;
        }
    }

    /// <summary>Called under <see cref="_gate"/>.</summary>
    private Activation<TKey, TGrain> CurrentOrSuccessor(TKey key, Activation<TKey, TGrain>? refused)
    {
        if (_activations.TryGetValue(key, out var current) && current != refused)
        {
            return current;
        }

        // No activation yet, or the current one refused the call because it is closing: the successor takes the call
        // now and activates once its predecessor is gone.
        var successor = new Activation<TKey, TGrain>(this, key, predecessor: current);
        _activations[key] = successor;
        return successor;
    }
}
