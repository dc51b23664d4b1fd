using WalletFlow.Grains.Runtime;

namespace WalletFlow.Tests.Grains.Runtime;

public sealed class ActivationTests
{
    [Fact]
    public async Task Thirty_two_concurrent_first_calls_to_one_key_share_one_activation()
    {
        await using var host = new ProbeHost();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, 32)
            .Select(_ => Task.Run(async () =>
            {
                await go.Task;
                return await host.Grains.Get("w1").InvokeAsync(grain => Task.FromResult(grain));
            }))
            .ToArray();

        go.SetResult();
        var grains = await Task.WhenAll(calls).Within();

        Assert.Single(grains.Distinct());
        Assert.Equal(1, host.Probe.Created);
        Assert.Equal(["activate w1#1"], host.Probe.Events);
    }

    [Fact]
    public async Task The_activation_hook_runs_once_before_the_first_call()
    {
        await using var host = new ProbeHost();
        var releaseActivation = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Probe.OnActivate = _ => releaseActivation.Task;
        var wallet = host.Grains.Get("w1");

        var first = wallet.InvokeAsync(grain => Task.FromResult(grain.IsActivated));
        await host.Probe.WhenActivating("w1", 1).Within();
        var second = wallet.InvokeAsync(grain => Task.FromResult(grain.IsActivated));
        Assert.False(first.IsCompleted);

        releaseActivation.SetResult();

        Assert.True(await first.Within());
        Assert.True(await second.Within());
        Assert.True(await wallet.InvokeAsync(grain => Task.FromResult(grain.IsActivated)).Within());
        Assert.Equal(["activate w1#1"], host.Probe.Events);
    }

    [Fact]
    public async Task A_failed_activation_fails_the_calls_waiting_on_it_and_the_next_call_activates_afresh()
    {
        await using var host = new ProbeHost();
        var failActivation = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Probe.OnActivate = grain => grain.Generation == 1 ? failActivation.Task : Task.CompletedTask;
        var wallet = host.Grains.Get("w1");

        var first = wallet.InvokeAsync(grain => grain.EchoAsync(1));
        await host.Probe.WhenActivating("w1", 1).Within();
        var second = wallet.InvokeAsync(grain => grain.EchoAsync(2));
        failActivation.SetException(new TimeoutException("database unreachable"));

        var firstFailure = await Assert.ThrowsAsync<GrainActivationException>(() => first.Within());
        var secondFailure = await Assert.ThrowsAsync<GrainActivationException>(() => second.Within());
        Assert.IsType<TimeoutException>(firstFailure.InnerException);
        Assert.Same(firstFailure, secondFailure);

        Assert.Equal(3, await wallet.InvokeAsync(grain => grain.EchoAsync(3)).Within());
        Assert.Equal(2, await wallet.InvokeAsync(grain => Task.FromResult(grain.Generation)).Within());
        var log = await wallet.InvokeAsync(grain => Task.FromResult(grain.Log.ToArray())).Within();
        Assert.Equal([3], log);
    }

    [Fact]
    public async Task A_grain_factory_that_throws_fails_the_call_and_is_retried_on_the_next_call()
    {
        var attempts = 0;
        await using var host = new ProbeHost(create: (key, probe) =>
            Interlocked.Increment(ref attempts) == 1 ? throw new InvalidOperationException("no state") : new ProbeGrain(key, probe));
        var wallet = host.Grains.Get("w1");

        var failure = await Assert.ThrowsAsync<GrainActivationException>(() => wallet.InvokeAsync(grain => grain.EchoAsync(1)).Within());

        Assert.Equal("no state", failure.InnerException?.Message);
        Assert.Equal(2, await wallet.InvokeAsync(grain => grain.EchoAsync(2)).Within());
    }

    [Fact]
    public async Task A_grain_type_is_registered_once()
    {
        await using var host = new ProbeHost();

        Assert.Throws<InvalidOperationException>(() => host.Runtime.Register<string, IProbeGrain>(key => new ProbeGrain(key, host.Probe)));
    }
}
