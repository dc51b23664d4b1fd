namespace WalletFlow.Tests.Infrastructure;

/// <summary>
/// The system clock moved forward on demand, for a host whose timers must keep running (grain idle timers, polls):
/// only the wall time a test reads shifts, so expiries can be crossed without waiting. <see cref="Freeze"/> stops the
/// wall time too, for a test that must stay inside a short window however slowly the machine runs.
/// </summary>
public sealed class AdjustableClock : TimeProvider
{
    private long _offsetTicks;
    private long _frozenAtTicks;

    public override DateTimeOffset GetUtcNow()
    {
        var frozenAt = Interlocked.Read(ref _frozenAtTicks);
        var wall = frozenAt == 0 ? System.GetUtcNow() : new DateTimeOffset(frozenAt, TimeSpan.Zero);
        return wall.AddTicks(Interlocked.Read(ref _offsetTicks));
    }

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    /// <summary>Stops the wall time where it is now; from here on only <see cref="Advance"/> moves the clock.</summary>
    public void Freeze() => Interlocked.CompareExchange(ref _frozenAtTicks, System.GetUtcNow().UtcTicks, 0);
}
