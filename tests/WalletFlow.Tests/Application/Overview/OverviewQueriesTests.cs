using WalletFlow.Application.Overview;

namespace WalletFlow.Tests.Application.Overview;

public sealed class OverviewQueriesTests
{
    [Fact]
    public void The_activity_window_is_the_last_sixty_minutes_ending_with_the_current_one()
    {
        var now = new DateTimeOffset(2026, 12, 6, 14, 37, 42, TimeSpan.FromHours(2));

        var first = OverviewQueries.FirstMinute(now);

        Assert.Equal(new DateTimeOffset(2026, 12, 6, 11, 38, 0, TimeSpan.Zero), first);
    }

    [Fact]
    public void Every_minute_of_the_window_has_a_count_and_minutes_without_commands_count_zero()
    {
        var first = new DateTimeOffset(2026, 12, 6, 11, 38, 0, TimeSpan.Zero);
        MinuteCount[] completed = [new(first, 3), new(first.AddMinutes(10).ToOffset(TimeSpan.FromHours(1)), 7), new(first.AddMinutes(59), 1)];

        var minutes = OverviewQueries.EveryMinute(first, completed);

        Assert.Equal(60, minutes.Count);
        Assert.Equal(Enumerable.Range(0, 60).Select(offset => first.AddMinutes(offset)), minutes.Select(minute => minute.Minute));
        Assert.Equal(3, minutes[0].Count);
        Assert.Equal(7, minutes[10].Count);
        Assert.Equal(1, minutes[59].Count);
        Assert.Equal(11, minutes.Sum(minute => minute.Count));
    }
}
