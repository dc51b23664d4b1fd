namespace WalletFlow.Grains.Runtime;

/// <summary>
/// One live instance of a grain for one key. It activates the grain before the first turn, runs the mailbox one turn
/// at a time on the thread pool (a pump exists only while there is work, and at most one), and deactivates the grain
/// when it has been idle long enough or the runtime shuts down. Every state change happens under <see cref="_gate"/>,
/// which is never held across an await nor while grain code runs.
/// </summary>
internal sealed class Activation<TKey, TGrain> : IMailboxOwner<TGrain>
    where TKey : notnull
    where TGrain : class
{
    private readonly Lock _gate = new();
    private readonly Mailbox<TGrain> _mailbox = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly GrainDirectory<TKey, TGrain> _directory;
    private readonly TKey _key;
    private readonly Task _predecessorCompletion;
    private Phase _phase = Phase.Accepting;
    private bool _pumping;
    private TGrain? _grain;
    private ITimer? _idleTimer;
    private DateTimeOffset _idleSince;

    /// <param name="predecessor">The activation this one replaces while it is still deactivating, if any.</param>
    public Activation(GrainDirectory<TKey, TGrain> directory, TKey key, Activation<TKey, TGrain>? predecessor)
    {
        _directory = directory;
        _key = key;
        _predecessorCompletion = predecessor?.Completion ?? Task.CompletedTask;
    }

    private enum Phase
    {
        /// <summary>Takes calls.</summary>
        Accepting,

        /// <summary>Shutting down: takes no more calls, runs those it holds, then deactivates.</summary>
        Draining,

        /// <summary>Deactivating, deactivated, or failed to activate: takes no calls.</summary>
        Closed,
    }

    /// <summary>Completes once the activation is gone: after its deactivation hook, or as soon as its activation failed. Never faults.</summary>
    public Task Completion => _completion.Task;

    private TimeProvider Time => _directory.Runtime.TimeProvider;

    private TimeSpan IdleTimeout => _directory.Runtime.Options.IdleTimeout;

    /// <summary>False when this activation takes no more calls: the caller asks the directory for a fresh one.</summary>
    public bool TryEnqueue(MailboxItem<TGrain> item)
    {
        int waiting;
        bool startPump;
        lock (_gate)
        {
            if (_phase != Phase.Accepting)
            {
                return false;
            }

            waiting = _mailbox.Count;
            _mailbox.Add(item);
            item.EnteredMailboxOf(this);

            // A cancellation that fired before the item knew its owner had nobody to withdraw it from.
            if (item.CancellationToken.IsCancellationRequested)
            {
                _mailbox.Remove(item);
                item.Cancel();
                return true;
            }

            startPump = !_pumping;
            _pumping = true;
        }

        if (startPump)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static activation => _ = activation.PumpAsync(), this, preferLocal: false);
        }

        _directory.Metrics.CallArrived(waiting);
        return true;
    }

    public void Withdraw(MailboxItem<TGrain> item)
    {
        lock (_gate)
        {
            if (_mailbox.Remove(item))
            {
                item.Cancel();
            }
        }
    }

    /// <summary>Stops taking calls, lets the calls already queued run, then deactivates.</summary>
    public Task ShutdownAsync()
    {
        var deactivateNow = false;
        lock (_gate)
        {
            if (_phase == Phase.Accepting && _pumping)
            {
                _phase = Phase.Draining;
            }
            else if (_phase == Phase.Accepting)
            {
                _phase = Phase.Closed;
                deactivateNow = true;
            }
        }

        if (deactivateNow)
        {
            _ = DeactivateAsync(DeactivationReason.Shutdown);
        }

        return Completion;
    }

    private async Task PumpAsync()
    {
        if (_grain is null && !await TryActivateAsync())
        {
            return;
        }

        var turn = TakeTurnOrStop(out var drained);
        while (turn is not null)
        {
            await turn.RunAsync(_grain!);

            // The bookkeeping (idle clock, next turn) is done before callers see their results, so a caller that
            // awaited its call observes an activation that is already idle, or already busy with the next turn.
            var next = TakeTurnOrStop(out drained);
            turn.Publish();
            _directory.Metrics.TurnCompleted(turn);
            turn = next;
        }

        if (drained)
        {
            await DeactivateAsync(DeactivationReason.Shutdown);
        }
    }

    private ITurn<TGrain>? TakeTurnOrStop(out bool drained)
    {
        lock (_gate)
        {
            drained = false;
            if (_mailbox.TakeTurn(_directory.Runtime.Options.MaxBatchSize) is { } turn)
            {
                return turn;
            }

            _pumping = false;
            if (_phase == Phase.Draining)
            {
                _phase = Phase.Closed;
                drained = true;
            }
            else
            {
                StartIdleClock();
            }

            return null;
        }
    }

    private async Task<bool> TryActivateAsync()
    {
        // A predecessor being collected under this key may still be saving the state this activation is about to load.
        await _predecessorCompletion;
        try
        {
            var grain = _directory.Create(_key);
            if (grain is IGrainLifecycle lifecycle)
            {
                await lifecycle.OnActivateAsync();
            }

            _grain = grain;
        }
        catch (Exception exception)
        {
            var failure = new GrainActivationException($"Activating {_directory.GrainType} '{_key}' failed: {exception.Message}", exception);
            lock (_gate)
            {
                _phase = Phase.Closed;
                _pumping = false;
                _mailbox.FailAll(failure);
            }

            _directory.Metrics.ActivationFailed();
            Close();
            return false;
        }

        _directory.Metrics.Activated();
        return true;
    }

    /// <summary>Called under <see cref="_gate"/> when the mailbox empties.</summary>
    private void StartIdleClock()
    {
        if (IdleTimeout == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        _idleSince = Time.GetUtcNow();
        _idleTimer ??= Time.CreateTimer(
            static activation => ((Activation<TKey, TGrain>)activation!).OnIdleTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _idleTimer.Change(IdleTimeout, Timeout.InfiniteTimeSpan);
    }

    private void OnIdleTimer()
    {
        lock (_gate)
        {
            // Busy: the idle clock starts again when the mailbox empties.
            if (_phase != Phase.Accepting || _pumping)
            {
                return;
            }

            // A tick scheduled before the clock last restarted.
            var idleFor = Time.GetUtcNow() - _idleSince;
            if (idleFor < IdleTimeout)
            {
                _idleTimer!.Change(IdleTimeout - idleFor, Timeout.InfiniteTimeSpan);
                return;
            }

            _phase = Phase.Closed;
        }

        _ = DeactivateAsync(DeactivationReason.Idle);
    }

    /// <summary>Runs once, with the phase already <see cref="Phase.Closed"/> and no pump running.</summary>
    private async Task DeactivateAsync(DeactivationReason reason)
    {
        // Only an activation shut down before its first turn can get here with its predecessor still deactivating.
        await _predecessorCompletion;
        _idleTimer?.Dispose();
        Exception? failure = null;
        if (_grain is not null)
        {
            if (_grain is IGrainLifecycle lifecycle)
            {
                try
                {
                    await lifecycle.OnDeactivateAsync(reason);
                }
                catch (Exception exception)
                {
                    failure = exception;
                }
            }

            _directory.Metrics.Deactivated(reason);
        }

        Close();
        if (failure is not null)
        {
            _directory.Runtime.ReportDeactivationFailure(new GrainDeactivationFailure(_directory.GrainType, _key, reason, failure));
        }
    }

    private void Close()
    {
        _directory.Forget(_key, this);
        _completion.TrySetResult();
    }
}
