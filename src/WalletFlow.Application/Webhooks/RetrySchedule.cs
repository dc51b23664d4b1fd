namespace WalletFlow.Application.Webhooks;

/// <summary>
/// When a failed delivery is tried again: at once, then 2 s, 8 s, 30 s and 2 min after the failures before, then
/// backing off to a day; after the last of <see cref="Attempts"/> attempts it is dead. About two days pass between
/// the first attempt and death, long enough for a partner to fix an outage over a weekend day and replay the rest.
/// </summary>
public static class RetrySchedule
{
    private static readonly TimeSpan[] Delays =
    [
        TimeSpan.FromSeconds(2),
        TimeSpan.FromSeconds(8),
        TimeSpan.FromSeconds(30),
        TimeSpan.FromMinutes(2),
        TimeSpan.FromMinutes(10),
        TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1),
        TimeSpan.FromHours(3),
        TimeSpan.FromHours(6),
        TimeSpan.FromHours(12),
        TimeSpan.FromDays(1),
    ];

    /// <summary>How many attempts a delivery gets in a row before it is dead.</summary>
    public static int Attempts => Delays.Length + 1;

    /// <summary>The wait after the <paramref name="failuresInRow"/>th failure in a row, or null when the delivery is dead.</summary>
    public static TimeSpan? After(int failuresInRow)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(failuresInRow);
        return failuresInRow <= Delays.Length ? Delays[failuresInRow - 1] : null;
    }
}
