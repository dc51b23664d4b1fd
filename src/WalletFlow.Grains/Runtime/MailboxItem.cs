namespace WalletFlow.Grains.Runtime;

/// <summary>A call or a batched request waiting in an activation's mailbox.</summary>
internal abstract class MailboxItem<TGrain>(CancellationToken cancellationToken, long arrivedAt)
    where TGrain : class
{
    private IMailboxOwner<TGrain>? _owner;
    private CancellationTokenRegistration _cancellationRegistration;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>The <see cref="TimeProvider.GetTimestamp"/> at which the caller sent it.</summary>
    public long ArrivedAt { get; } = arrivedAt;

    /// <summary>Its place in the mailbox, so a cancelled item leaves from the middle at once.</summary>
    public LinkedListNode<MailboxItem<TGrain>>? Node { get; set; }

    /// <summary>
    /// Called once, before the item is offered to any activation, so that the registration is in place before a turn
    /// can complete the item and release it.
    /// </summary>
    public void WatchCancellation() =>
        _cancellationRegistration = CancellationToken.UnsafeRegister(static item => ((MailboxItem<TGrain>)item!).OnCancellationRequested(), this);

    /// <summary>
    /// Called under the owner's lock once the item is in its mailbox. The full fence pairs with the token's own: after it,
    /// either the cancellation callback sees the owner, or the owner sees the token cancelled (see <see cref="Activation{TKey, TGrain}"/>).
    /// </summary>
    public void EnteredMailboxOf(IMailboxOwner<TGrain> owner) => Interlocked.Exchange(ref _owner, owner);

    /// <summary>Called under the mailbox lock, with this item just taken from the head: it decides what runs in this turn.</summary>
    public abstract ITurn<TGrain> OpenTurn(Mailbox<TGrain> mailbox, int maxBatchSize);

    /// <summary>The item left the mailbox without running.</summary>
    public abstract void Cancel();

    public abstract void Fail(Exception exception);

    protected void StopWatchingCancellation() => _cancellationRegistration.Unregister();

    private void OnCancellationRequested() => Volatile.Read(ref _owner)?.Withdraw(this);
}

/// <summary>A mailbox item whose caller awaits a <typeparamref name="TResult"/>.</summary>
internal abstract class MailboxItem<TGrain, TResult>(CancellationToken cancellationToken, long arrivedAt)
    : MailboxItem<TGrain>(cancellationToken, arrivedAt)
    where TGrain : class
{
    // Callers' continuations never run inline on the activation's turn (nor under its lock).
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<TResult> Completion => _completion.Task;

    public override void Cancel()
    {
        StopWatchingCancellation();
        _completion.TrySetCanceled(CancellationToken);
    }

    public override void Fail(Exception exception)
    {
        StopWatchingCancellation();
        _completion.TrySetException(exception);
    }

    public void Succeed(TResult result)
    {
        StopWatchingCancellation();
        _completion.TrySetResult(result);
    }

    public void CompleteFrom(Task<TResult> outcome)
    {
        StopWatchingCancellation();
        _completion.TrySetFromTask(outcome);
    }
}
