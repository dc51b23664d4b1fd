namespace WalletFlow.Grains.Runtime;

/// <summary>
/// A grain that handles requests of one kind several at a time (group commit): requests sent with
/// <see cref="GrainReference{TKey, TGrain}.InvokeBatchedAsync{TRequest, TResponse}"/> that wait next to each other in
/// the mailbox are handed over together, in arrival order, in one turn. A lone request is a batch of one: the runtime
/// never waits for more, so batches only grow when calls queue up.
/// </summary>
public interface IBatchingGrain<TRequest, TResponse>
{
    /// <summary>
    /// Handles <paramref name="requests"/> together and answers one response per request, in the same order. A
    /// request's own failure belongs in its response (a <c>Result</c>); an exception fails every request of the batch.
    /// </summary>
    Task<IReadOnlyList<TResponse>> HandleBatchAsync(IReadOnlyList<TRequest> requests);
}
