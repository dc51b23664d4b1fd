namespace WalletFlow.Grains.Runtime;

/// <summary>A request for an <see cref="IBatchingGrain{TRequest, TResponse}"/>, which may share its turn with the requests behind it.</summary>
internal sealed class BatchedRequest<TGrain, TRequest, TResponse>(TRequest request, CancellationToken cancellationToken, long arrivedAt)
    : MailboxItem<TGrain, TResponse>(cancellationToken, arrivedAt)
    where TGrain : class
{
    public TRequest Request { get; } = request;

    /// <summary>The caller's trace context: the batch that serves this request continues or links it.</summary>
    public System.Diagnostics.ActivityContext Caller { get; } = System.Diagnostics.Activity.Current?.Context ?? default;

    /// <summary>Only the requests of the same kind directly behind this one join it, so arrival order holds across kinds.</summary>
    public override ITurn<TGrain> OpenTurn(Mailbox<TGrain> mailbox, int maxBatchSize)
    {
        var requests = new List<BatchedRequest<TGrain, TRequest, TResponse>> { this };
        while (requests.Count < maxBatchSize && mailbox.TakeNext<BatchedRequest<TGrain, TRequest, TResponse>>() is { } next)
        {
            requests.Add(next);
        }

        return new Batch<TGrain, TRequest, TResponse>(requests);
    }
}
