using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WalletFlow.Access;
using WalletFlow.Console.Circuit;
using WalletFlow.Console.Components.Shared;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Console;

/// <summary>
/// When a live page reads its figures again (bunit, interactive, on a clock only the test moves): at once when the
/// books change, at most once a second under a burst of changes, and every few seconds without any.
/// </summary>
public sealed class LiveRefreshTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly LiveChanges _changes = new();
    private readonly BunitContext _bunit = new();
    private readonly List<DateTimeOffset> _reads = [];
    private Action _duringRead = () => { };

    public LiveRefreshTests()
    {
        _bunit.Services.AddSingleton<TimeProvider>(_time);
        _bunit.Services.AddSingleton(_changes);
        var session = _bunit.AddAuthorization();
        session.SetAuthorized("bunit");
        session.SetRoles(AccessRoles.Operator);
        _bunit.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public ValueTask DisposeAsync() => _bunit.DisposeAsync();

    private void Render() =>
        _bunit.Render<LiveRefresh>(parameters => parameters.Add(refresh => refresh.OnTick, (CancellationToken _) => Read()));

    private void Read()
    {
        lock (_reads)
        {
            _reads.Add(_time.GetUtcNow());
        }

        _duringRead();
    }

    private void AnnounceBurst()
    {
        for (var change = 0; change < 100; change++)
        {
            _changes.Announce();
        }
    }

    /// <summary>Waits, bounded, for the page's reads to number <paramref name="count"/>; a read does not render, so bunit's waits would not notice it.</summary>
    private Task ReadsReachAsync(int count) => Bounded.Until(() => Reads().Length >= count);

    private DateTimeOffset[] Reads()
    {
        lock (_reads)
        {
            return [.. _reads];
        }
    }

    [Fact]
    public async Task A_change_is_read_at_once_without_waiting_for_the_interval()
    {
        var started = _time.GetUtcNow();
        Render();

        _changes.Announce();

        await ReadsReachAsync(1);
        Assert.Equal([started], Reads());
    }

    [Fact]
    public async Task Under_bursts_of_changes_the_page_reads_once_a_second_not_once_per_change()
    {
        var started = _time.GetUtcNow();
        // Under load the changes keep coming: a burst arrives while the page is reading.
        _duringRead = AnnounceBurst;
        Render();
        AnnounceBurst();
        await ReadsReachAsync(1);

        for (var second = 1; second <= 4; second++)
        {
            _time.Advance(LiveRefresh.Spacing);
            await ReadsReachAsync(second + 1);
        }

        Assert.Equal([.. Enumerable.Range(0, 5).Select(second => started + second * LiveRefresh.Spacing)], Reads());
    }

    [Fact]
    public async Task Without_changes_the_page_reads_again_each_time_the_interval_is_up()
    {
        var started = _time.GetUtcNow();
        Render();

        _time.Advance(LiveRefresh.Interval);
        await ReadsReachAsync(1);
        _time.Advance(LiveRefresh.Interval);

        await ReadsReachAsync(2);
        Assert.Equal([started + LiveRefresh.Interval, started + 2 * LiveRefresh.Interval], Reads());
    }
}
