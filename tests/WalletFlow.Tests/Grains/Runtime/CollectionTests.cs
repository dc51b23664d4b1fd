using WalletFlow.Grains.Runtime;

namespace WalletFlow.Tests.Grains.Runtime;

public sealed class CollectionTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    [Fact]
    public async Task An_idle_activation_is_collected_after_the_idle_timeout_and_its_deactivate_hook_runs()
    {
        await using var host = new ProbeHost();
        var wallet = host.Grains.Get("w1");
        await wallet.InvokeAsync(grain => grain.EchoAsync(1)).Within();

        host.Clock.Advance(ProbeHost.IdleTimeout - Tick);
        Assert.False(host.Probe.WhenDeactivated("w1", 1).IsCompleted);

        host.Clock.Advance(Tick);
        Assert.Equal(DeactivationReason.Idle, await host.Probe.WhenDeactivated("w1", 1).Within());

        // The reference outlives the activation: the next call activates the grain again, with fresh state.
        Assert.Equal(2, await wallet.InvokeAsync(grain => Task.FromResult(grain.Generation)).Within());
        Assert.Empty(await wallet.InvokeAsync(grain => Task.FromResult(grain.Log.ToArray())).Within());
        Assert.Equal(["activate w1#1", "deactivated w1#1 Idle", "activate w1#2"], host.Probe.Events);
    }

    [Fact]
    public async Task Each_call_restarts_the_idle_clock()
    {
        await using var host = new ProbeHost();
        var wallet = host.Grains.Get("w1");
        await wallet.InvokeAsync(grain => grain.EchoAsync(1)).Within();

        host.Clock.Advance(ProbeHost.IdleTimeout / 2);
        await wallet.InvokeAsync(grain => grain.EchoAsync(2)).Within();
        host.Clock.Advance(ProbeHost.IdleTimeout - Tick);
        Assert.False(host.Probe.WhenDeactivated("w1", 1).IsCompleted);

        host.Clock.Advance(Tick);
        await host.Probe.WhenDeactivated("w1", 1).Within();
    }

    [Fact]
    public async Task A_tick_already_on_its_way_when_a_call_restarted_the_idle_clock_does_not_collect()
    {
        await using var host = new ProbeHost();
        var wallet = host.Grains.Get("w1");
        await wallet.InvokeAsync(grain => grain.EchoAsync(1)).Within();
        host.Clock.Advance(ProbeHost.IdleTimeout / 2);
        await wallet.InvokeAsync(grain => grain.EchoAsync(2)).Within();

        host.Clock.FireArmedTimersEarly();
        Assert.False(host.Probe.WhenDeactivated("w1", 1).IsCompleted);

        host.Clock.Advance(ProbeHost.IdleTimeout);
        await host.Probe.WhenDeactivated("w1", 1).Within();
    }

    [Fact]
    public async Task An_activation_busy_with_a_call_is_not_collected()
    {
        await using var host = new ProbeHost();
        var wallet = host.Grains.Get("w1");
        await wallet.InvokeAsync(grain => grain.EchoAsync(1)).Within();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var longCall = wallet.InvokeAsync(async _ =>
        {
            inside.SetResult();
            await release.Task;
        });
        await inside.Task.Within();

        host.Clock.Advance(ProbeHost.IdleTimeout * 3);
        Assert.False(host.Probe.WhenDeactivated("w1", 1).IsCompleted);

        release.SetResult();
        await longCall.Within();
        host.Clock.Advance(ProbeHost.IdleTimeout);
        await host.Probe.WhenDeactivated("w1", 1).Within();
    }

    [Fact]
    public async Task A_call_arriving_during_collection_gets_a_fresh_activation_once_the_old_one_is_gone()
    {
        await using var host = new ProbeHost();
        var wallet = host.Grains.Get("w1");
        var deactivating = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finishDeactivation = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Probe.OnDeactivate = (_, _) =>
        {
            deactivating.SetResult();
            return finishDeactivation.Task;
        };
        await wallet.InvokeAsync(grain => grain.EchoAsync(1)).Within();

        host.Clock.Advance(ProbeHost.IdleTimeout);
        await deactivating.Task.Within();
        var racing = wallet.InvokeAsync(grain => Task.FromResult(grain.Generation));

        // A round trip through another grain gives the thread pool time to run the successor's activation, were the
        // runtime to start it early; the order of the hooks below would then show it.
        await host.Grains.Get("w2").InvokeAsync(grain => grain.EchoAsync(0)).Within();
        Assert.False(racing.IsCompleted);
        finishDeactivation.SetResult();

        Assert.Equal(2, await racing.Within());
        Assert.Equal(["activate w1#1", "activate w2#1", "deactivated w1#1 Idle", "activate w1#2"], host.Probe.Events);
    }

    [Fact]
    public async Task A_failing_deactivate_hook_is_reported_and_the_grain_still_reactivates()
    {
        await using var host = new ProbeHost();
        var wallet = host.Grains.Get("w1");
        var reported = new TaskCompletionSource<GrainDeactivationFailure>(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Runtime.DeactivationFailed += (_, failure) => reported.TrySetResult(failure);
        host.Probe.OnDeactivate = (_, _) => Task.FromException(new InvalidOperationException("flush failed"));
        await wallet.InvokeAsync(grain => grain.EchoAsync(1)).Within();

        host.Clock.Advance(ProbeHost.IdleTimeout);

        var failure = await reported.Task.Within();
        Assert.Equal(("IProbeGrain", "w1", DeactivationReason.Idle, "flush failed"), (failure.GrainType, failure.Key, failure.Reason, failure.Exception.Message));
        Assert.Equal(2, await wallet.InvokeAsync(grain => Task.FromResult(grain.Generation)).Within());
    }

    [Fact]
    public async Task With_an_infinite_idle_timeout_activations_stay_until_shutdown()
    {
        var host = new ProbeHost(new GrainRuntimeOptions { IdleTimeout = Timeout.InfiniteTimeSpan });
        await host.Grains.Get("w1").InvokeAsync(grain => grain.EchoAsync(1)).Within();

        host.Clock.Advance(TimeSpan.FromDays(365));
        Assert.False(host.Probe.WhenDeactivated("w1", 1).IsCompleted);

        await host.DisposeAsync();
        Assert.Equal(DeactivationReason.Shutdown, await host.Probe.WhenDeactivated("w1", 1).Within());
    }
}
