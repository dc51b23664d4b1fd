namespace WalletFlow.Tests.Infrastructure;

/// <summary>
/// The system clock moved forward on demand, for a host whose timers must keep running (grain idle timers, polls):
/// only the wall time a test reads shifts, so expiries can be crossed without waiting.
/// </summary>
public sealed class AdjustableClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
