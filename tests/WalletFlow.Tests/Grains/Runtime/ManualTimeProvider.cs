namespace WalletFlow.Tests.Grains.Runtime;

/// <summary>
/// A clock that moves only when a test calls <see cref="Advance"/>; the timers that fall due fire inside it, in due
/// order, on the test's thread, outside the clock's lock.
/// </summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + by;
        }

        while (TakeNextDue(target) is { } due)
        {
            due.Fire();
        }

        lock (_gate)
        {
            _now = target;
        }
    }

    /// <summary>
    /// Fires every armed timer now, without moving the clock: what a real timer does when its tick was already on its
    /// way as it was re-armed.
    /// </summary>
    public void FireArmedTimersEarly()
    {
        ManualTimer[] armed;
        lock (_gate)
        {
            armed = [.. _timers.Where(timer => timer.DueAt is not null)];
        }

        foreach (var timer in armed)
        {
            timer.Fire();
        }
    }

    private ManualTimer? TakeNextDue(DateTimeOffset target)
    {
        lock (_gate)
        {
            var due = _timers.Where(timer => timer.DueAt <= target).MinBy(timer => timer.DueAt);
            if (due is null)
            {
                return null;
            }

            _now = due.DueAt!.Value;
            due.DueAt = due.Period > TimeSpan.Zero && due.Period != Timeout.InfiniteTimeSpan ? _now + due.Period : null;
            return due;
        }
    }

    private sealed class ManualTimer(ManualTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? DueAt { get; set; }

        public TimeSpan Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : clock._now + dueTime;
                Period = period;
                if (!clock._timers.Contains(this))
                {
                    clock._timers.Add(this);
                }
            }

            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
