namespace WalletFlow.Grains.Runtime;

/// <summary>Requests of one kind handed to <see cref="IBatchingGrain{TRequest, TResponse}.HandleBatchAsync"/> in one turn.</summary>
internal sealed class Batch<TGrain, TRequest, TResponse>(List<BatchedRequest<TGrain, TRequest, TResponse>> requests) : ITurn<TGrain>
    where TGrain : class
{
    private Task<IReadOnlyList<TResponse>>? _outcome;

    public IReadOnlyList<MailboxItem<TGrain>> Items => requests;

    public bool IsBatch => true;

    public async Task RunAsync(TGrain grain)
    {
        using var activity = GrainActivities.StartBatch(typeof(TGrain).Name, requests.ConvertAll(request => request.Caller));
        var outcome = Start(grain);
        await ((Task)outcome).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _outcome = outcome;
    }

    public void Publish()
    {
        var outcome = _outcome!;
        if (outcome.IsCanceled)
        {
            requests.ForEach(request => request.Cancel());
        }
        else if (outcome.IsFaulted)
        {
            requests.ForEach(request => request.Fail(outcome.Exception.InnerException!));
        }
        else if (outcome.Result.Count != requests.Count)
        {
            var mismatch = new InvalidOperationException(
                $"{typeof(TGrain).Name}.HandleBatchAsync answered {outcome.Result.Count} responses to {requests.Count} requests.");
            requests.ForEach(request => request.Fail(mismatch));
        }
        else
        {
            for (var i = 0; i < requests.Count; i++)
            {
                requests[i].Succeed(outcome.Result[i]);
            }
        }
    }

    private Task<IReadOnlyList<TResponse>> Start(TGrain grain)
    {
        try
        {
            return ((IBatchingGrain<TRequest, TResponse>)grain).HandleBatchAsync(requests.ConvertAll(request => request.Request));
        }
        catch (Exception exception)
        {
            return Task.FromException<IReadOnlyList<TResponse>>(exception);
        }
    }
}
