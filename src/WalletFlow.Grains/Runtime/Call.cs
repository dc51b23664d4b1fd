namespace WalletFlow.Grains.Runtime;

/// <summary>One call to a grain method: a turn of its own.</summary>
internal sealed class Call<TGrain, TResult>(Func<TGrain, Task<TResult>> invoke, CancellationToken cancellationToken, long arrivedAt)
    : MailboxItem<TGrain, TResult>(cancellationToken, arrivedAt), ITurn<TGrain>
    where TGrain : class
{
    // The call runs in its caller's context (trace parent, AsyncLocal values), not in that of whichever caller
    // happened to start the activation's pump.
    private readonly ExecutionContext? _callerContext = ExecutionContext.Capture();
    private Task<TResult>? _outcome;

    public IReadOnlyList<MailboxItem<TGrain>> Items => [this];

    public bool IsBatch => false;

    public override ITurn<TGrain> OpenTurn(Mailbox<TGrain> mailbox, int maxBatchSize) => this;

    public async Task RunAsync(TGrain grain)
    {
        var outcome = Start(grain);
        await ((Task)outcome).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _outcome = outcome;
    }

    public void Publish() => CompleteFrom(_outcome!);

    private Task<TResult> Start(TGrain grain)
    {
        try
        {
            if (_callerContext is null)
            {
                return invoke(grain);
            }

            Task<TResult>? started = null;
            ExecutionContext.Run(_callerContext, _ => started = invoke(grain), null);
            return started!;
        }
        catch (Exception exception)
        {
            return Task.FromException<TResult>(exception);
        }
    }
}
