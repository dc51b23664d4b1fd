namespace WalletFlow.Tests.Grains.Runtime;

public sealed class GrainMetricsTests
{
    [Fact]
    public async Task Metrics_report_activations_mailbox_depth_and_call_durations()
    {
        await using var host = new ProbeHost();
        using var metrics = new MetricsRecorder(host.Runtime);
        var wallet = host.Grains.Get("w1");
        var inside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var blocking = wallet.InvokeAsync(async _ =>
        {
            inside.SetResult();
            await release.Task;
        });
        await inside.Task.Within();
        var queued = Enumerable.Range(1, 3).Select(value => wallet.InvokeAsync(grain => grain.EchoAsync(value))).ToArray();
        await host.Grains.Get("w2").InvokeAsync(grain => grain.EchoAsync(0)).Within();

        Assert.Equal(2, metrics.Sum("walletflow.grains.activations.active"));
        Assert.Equal(2, metrics.Sum("walletflow.grains.activations.created"));
        Assert.Equal([0, 0, 1, 2, 0], metrics.Values("walletflow.grains.mailbox.depth"));
        Assert.All(metrics.GrainTypes("walletflow.grains.mailbox.depth"), grainType => Assert.Equal("IProbeGrain", grainType));

        host.Clock.Advance(TimeSpan.FromSeconds(2));
        release.SetResult();
        await Task.WhenAll([blocking, .. queued]).Within();

        // Three calls waited two seconds behind the first, which itself ran for two: the caller's view, waiting included.
        Assert.Equal([0, 2, 2, 2, 2], metrics.Values("walletflow.grains.call.duration").Order());

        host.Clock.Advance(ProbeHost.IdleTimeout);
        await host.Probe.WhenDeactivated("w1", 1).Within();
        await host.Probe.WhenDeactivated("w2", 1).Within();
        Assert.Equal(0, metrics.Sum("walletflow.grains.activations.active"));
        Assert.Equal(2, metrics.Sum("walletflow.grains.activations.collected"));
    }

    [Fact]
    public async Task A_failed_activation_is_counted()
    {
        await using var host = new ProbeHost();
        using var metrics = new MetricsRecorder(host.Runtime);
        host.Probe.OnActivate = grain => grain.Generation == 1 ? Task.FromException(new TimeoutException()) : Task.CompletedTask;

        await Assert.ThrowsAnyAsync<Exception>(() => host.Grains.Get("w1").InvokeAsync(grain => grain.EchoAsync(1)).Within());
        await host.Grains.Get("w1").InvokeAsync(grain => grain.EchoAsync(2)).Within();

        Assert.Equal(1, metrics.Sum("walletflow.grains.activations.failed"));
        Assert.Equal(1, metrics.Sum("walletflow.grains.activations.created"));
    }
}
