namespace WalletFlow.Tests.Grains.Runtime;

public sealed class TurnTests
{
    private static readonly AsyncLocal<string?> CallerName = new();

    [Fact]
    public async Task Calls_to_one_activation_never_overlap()
    {
        await using var host = new ProbeHost();
        var wallet = host.Grains.Get("w1");

        var calls = Enumerable.Range(0, 200).Select(_ => Task.Run(() => wallet.InvokeAsync(grain => grain.TrackConcurrencyAsync())));
        await Task.WhenAll(calls).Within();

        Assert.Equal(1, host.Probe.MaxConcurrentCalls);
    }

    [Fact]
    public async Task Calls_to_two_keys_run_at_the_same_time()
    {
        await using var host = new ProbeHost();
        var firstInside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondInside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Each call waits, inside its turn, for the other to be inside its own: only overlapping turns can finish.
        var first = host.Grains.Get("w1").InvokeAsync(async _ =>
        {
            firstInside.SetResult();
            await secondInside.Task.Within();
        });
        var second = host.Grains.Get("w2").InvokeAsync(async _ =>
        {
            secondInside.SetResult();
            await firstInside.Task.Within();
        });

        await Task.WhenAll(first, second).Within();
    }

    [Fact]
    public async Task Calls_run_in_arrival_order()
    {
        await using var host = new ProbeHost();
        var wallet = host.Grains.Get("w1");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocking = wallet.InvokeAsync(_ => release.Task);

        var queued = Enumerable.Range(1, 50).Select(value => wallet.InvokeAsync(grain => grain.EchoAsync(value))).ToArray();
        release.SetResult();

        Assert.Equal(Enumerable.Range(1, 50), await Task.WhenAll(queued).Within());
        var log = await wallet.InvokeAsync(grain => Task.FromResult(grain.Log.ToArray())).Within();
        Assert.Equal(Enumerable.Range(1, 50), log);
        await blocking.Within();
    }

    [Fact]
    public async Task A_failing_call_fails_only_its_caller_and_the_next_call_runs_on_the_same_activation()
    {
        await using var host = new ProbeHost();
        var wallet = host.Grains.Get("w1");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocking = wallet.InvokeAsync(_ => release.Task);

        var failing = wallet.InvokeAsync(grain => grain.FailAsync("bad command"));
        Func<IProbeGrain, Task<int>> throwBeforeAnyAwait = _ => throw new ArgumentException("bad argument");
        var throwingSynchronously = wallet.InvokeAsync(throwBeforeAnyAwait);
        var next = wallet.InvokeAsync(grain => grain.EchoAsync(7));
        release.SetResult();

        Assert.Equal("bad command", (await Assert.ThrowsAsync<InvalidOperationException>(() => failing.Within())).Message);
        Assert.Equal("bad argument", (await Assert.ThrowsAsync<ArgumentException>(() => throwingSynchronously.Within())).Message);
        Assert.Equal(7, await next.Within());
        Assert.Equal(1, await wallet.InvokeAsync(grain => Task.FromResult(grain.Generation)).Within());
        await blocking.Within();
    }

    [Fact]
    public async Task Cancelling_a_queued_call_removes_it_without_running_it()
    {
        await using var host = new ProbeHost();
        var wallet = host.Grains.Get("w1");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocking = wallet.InvokeAsync(_ => release.Task);
        using var cancellation = new CancellationTokenSource();

        var cancelled = wallet.InvokeAsync(grain => grain.EchoAsync(1), cancellation.Token);
        var kept = wallet.InvokeAsync(grain => grain.EchoAsync(2));
        await cancellation.CancelAsync();

        // The caller hears at once, while the turn ahead of it is still running.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.Within());
        Assert.False(blocking.IsCompleted);

        release.SetResult();
        Assert.Equal(2, await kept.Within());
        var log = await wallet.InvokeAsync(grain => Task.FromResult(grain.Log.ToArray())).Within();
        Assert.Equal([2], log);
    }

    [Fact]
    public async Task A_call_cancelled_before_it_is_sent_never_runs()
    {
        await using var host = new ProbeHost();

        var cancelled = host.Grains.Get("w1").InvokeAsync(grain => grain.EchoAsync(1), new CancellationToken(canceled: true));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.Within());
        Assert.Empty(await host.Grains.Get("w1").InvokeAsync(grain => Task.FromResult(grain.Log.ToArray())).Within());
    }

    [Fact]
    public async Task A_call_whose_turn_began_reports_its_outcome_even_if_cancelled()
    {
        await using var host = new ProbeHost();
        var inside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancellation = new CancellationTokenSource();

        var running = host.Grains.Get("w1").InvokeAsync(
            async _ =>
            {
                inside.SetResult();
                await release.Task;
                return "posted";
            },
            cancellation.Token);
        await inside.Task.Within();
        await cancellation.CancelAsync();
        release.SetResult();

        Assert.Equal("posted", await running.Within());
    }

    [Fact]
    public async Task Each_call_runs_in_its_callers_execution_context()
    {
        await using var host = new ProbeHost();
        var wallet = host.Grains.Get("w1");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        CallerName.Value = "first";
        var first = wallet.InvokeAsync(async _ =>
        {
            await release.Task;
            return CallerName.Value;
        });
        CallerName.Value = "second";
        var second = wallet.InvokeAsync(_ => Task.FromResult(CallerName.Value));
        release.SetResult();

        Assert.Equal("first", await first.Within());
        Assert.Equal("second", await second.Within());
    }
}
