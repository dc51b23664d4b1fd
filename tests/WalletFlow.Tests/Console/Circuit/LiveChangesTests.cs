using Microsoft.Extensions.Time.Testing;
using WalletFlow.Console.Circuit;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Console.Circuit;

/// <summary>The process's signal to its live pages: each listening page hears that something changed, not how often.</summary>
public sealed class LiveChangesTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly LiveChanges _changes = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Changes_announced_before_a_wait_end_it_at_once_and_count_as_read_together()
    {
        using var page = _changes.Listen();
        for (var change = 0; change < 100; change++)
        {
            _changes.Announce();
        }

        await page.WaitAsync(Timeout.InfiniteTimeSpan, _time, Cancel).Within();
        var next = page.WaitAsync(Timeout.InfiniteTimeSpan, _time, Cancel);

        Assert.False(next.IsCompleted);
        _changes.Announce();
        await next.Within();
    }

    [Fact]
    public async Task Every_listening_page_hears_a_change_and_a_page_that_left_does_not()
    {
        using var first = _changes.Listen();
        using var second = _changes.Listen();
        var left = _changes.Listen();
        left.Dispose();

        _changes.Announce();

        await first.WaitAsync(Timeout.InfiniteTimeSpan, _time, Cancel).Within();
        await second.WaitAsync(Timeout.InfiniteTimeSpan, _time, Cancel).Within();
        Assert.False(left.WaitAsync(Timeout.InfiniteTimeSpan, _time, Cancel).IsCompleted);
    }

    [Fact]
    public async Task Without_a_change_a_wait_ends_when_its_timeout_has_passed_on_the_clock()
    {
        using var page = _changes.Listen();

        var wait = page.WaitAsync(TimeSpan.FromSeconds(5), _time, Cancel);
        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(wait.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        await wait.Within();
    }
}
