namespace WalletFlow.Console.Circuit;

/// <summary>
/// One live page's ear on <see cref="LiveChanges"/>: it remembers whether a change came since the page last read, not
/// how many, so a burst of changes costs the page one read.
/// </summary>
public sealed class ChangeListener : IDisposable
{
    private readonly LiveChanges _changes;
    private TaskCompletionSource _changed = NewSignal();

    internal ChangeListener(LiveChanges changes) => _changes = changes;

    /// <summary>
    /// Waits until a change comes that the page has not read (at once if one came since the last wait) or until
    /// <paramref name="timeout"/> has passed on <paramref name="time"/>, whichever is first. The page reads everything
    /// next, so either way the changes so far count as read.
    /// </summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var changed = Volatile.Read(ref _changed);
        using (var stopTimer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            await Task.WhenAny(changed.Task, Task.Delay(timeout, time, stopTimer.Token));
            await stopTimer.CancelAsync();
        }

        cancellationToken.ThrowIfCancellationRequested();
        // A change signalled between the wait and this swap is lost to the page, which is fine: its event was committed
        // before it was announced, so the read that follows sees it.
        if (changed.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _changed, NewSignal(), changed);
        }
    }

    internal void Signal() => Volatile.Read(ref _changed).TrySetResult();

    public void Dispose() => _changes.Remove(this);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
