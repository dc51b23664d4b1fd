namespace WalletFlow.Grains.Runtime;

/// <summary>What one turn of an activation runs: a single call, or a batch of requests of one kind.</summary>
internal interface ITurn<TGrain>
    where TGrain : class
{
    IReadOnlyList<MailboxItem<TGrain>> Items { get; }

    bool IsBatch { get; }

    /// <summary>Runs the grain's code and keeps its outcome. Never throws: a failure is an outcome.</summary>
    Task RunAsync(TGrain grain);

    /// <summary>Hands the outcome to the callers, after the activation has done its own bookkeeping for the turn.</summary>
    void Publish();
}
