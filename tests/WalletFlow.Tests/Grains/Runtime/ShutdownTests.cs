using WalletFlow.Grains.Runtime;

namespace WalletFlow.Tests.Grains.Runtime;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Disposal_runs_the_calls_already_accepted_refuses_new_ones_and_deactivates_every_activation()
    {
        var host = new ProbeHost();
        await host.Grains.Get("idle").InvokeAsync(grain => grain.EchoAsync(0)).Within();
        var busy = host.Grains.Get("busy");
        var inside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = busy.InvokeAsync(async _ =>
        {
            inside.SetResult();
            await release.Task;
        });
        await inside.Task.Within();
        var accepted = Enumerable.Range(1, 3).Select(value => busy.InvokeAsync(grain => grain.EchoAsync(value))).ToArray();

        var disposal = host.DisposeAsync().AsTask();

        Assert.Equal(DeactivationReason.Shutdown, await host.Probe.WhenDeactivated("idle", 1).Within());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => busy.InvokeAsync(grain => grain.EchoAsync(4)).Within());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => host.Grains.Get("new").InvokeAsync(grain => grain.EchoAsync(5)).Within());
        Assert.False(disposal.IsCompleted);

        release.SetResult();
        await disposal.Within();

        await running.Within();
        var echoed = await Task.WhenAll(accepted).Within();
        Assert.Equal([1, 2, 3], echoed);
        Assert.Equal(DeactivationReason.Shutdown, await host.Probe.WhenDeactivated("busy", 1).Within());
        Assert.Equal(2, host.Probe.Created);
    }

    [Fact]
    public async Task Disposal_waits_for_a_collection_in_progress()
    {
        var host = new ProbeHost();
        var finishDeactivation = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Probe.OnDeactivate = (_, _) => finishDeactivation.Task;
        await host.Grains.Get("w1").InvokeAsync(grain => grain.EchoAsync(1)).Within();
        host.Clock.Advance(ProbeHost.IdleTimeout);

        var disposal = host.DisposeAsync().AsTask();
        Assert.False(disposal.IsCompleted);

        finishDeactivation.SetResult();
        await disposal.Within();
        Assert.Equal(DeactivationReason.Idle, await host.Probe.WhenDeactivated("w1", 1).Within());
    }

    [Fact]
    public async Task Disposing_twice_is_harmless_and_registering_afterwards_is_refused()
    {
        var host = new ProbeHost();
        await host.Grains.Get("w1").InvokeAsync(grain => grain.EchoAsync(1)).Within();

        await host.DisposeAsync().AsTask().Within();
        await host.DisposeAsync().AsTask().Within();

        Assert.Equal(["activate w1#1", "deactivated w1#1 Shutdown"], host.Probe.Events);
        Assert.Throws<ObjectDisposedException>(() => host.Runtime.Register<int, IProbeGrain>(key => new ProbeGrain($"{key}", host.Probe)));
    }
}
