namespace WalletFlow.Grains.Runtime;

/// <summary>
/// The grain of one key, as callers see it (an Orleans grain reference): it names the grain, not an activation, so it
/// stays valid across collections and is cheap to make. Each call is a lambda over the grain interface and runs in a
/// turn of its own, after the calls that arrived before it. A grain method returning a <see cref="ValueTask"/> is
/// called with <c>grain =&gt; grain.MethodAsync().AsTask()</c>: one overload per task type would make every async
/// lambda ambiguous.
/// </summary>
/// <remarks>
/// Cancelling a call removes it while it waits; once its turn has begun it runs to its end and the caller gets its
/// outcome, so a cancelled call either never ran or reports what it did.
/// </remarks>
public readonly record struct GrainReference<TKey, TGrain>
    where TKey : notnull
    where TGrain : class
{
    private readonly GrainDirectory<TKey, TGrain> _directory;

    internal GrainReference(GrainDirectory<TKey, TGrain> directory, TKey key)
    {
        _directory = directory;
        Key = key;
    }

    public TKey Key { get; }

    public Task<TResult> InvokeAsync<TResult>(Func<TGrain, Task<TResult>> call, CancellationToken cancellationToken = default) =>
        _directory.InvokeAsync(Key, call, cancellationToken);

    public Task InvokeAsync(Func<TGrain, Task> call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        return _directory.InvokeAsync(Key, grain => Completed(call(grain)), cancellationToken);
    }

    /// <summary>
    /// Sends a request that the grain may handle together with the requests of the same kind waiting next to it (see
    /// <see cref="IBatchingGrain{TRequest, TResponse}"/>). <typeparamref name="TGrain"/> must declare that interface.
    /// </summary>
    public Task<TResponse> InvokeBatchedAsync<TRequest, TResponse>(TRequest request, CancellationToken cancellationToken = default) =>
        _directory.InvokeBatchedAsync<TRequest, TResponse>(Key, request, cancellationToken);

    private static async Task<bool> Completed(Task call)
    {
        await call;
        return true;
    }
}
