using WalletFlow.Domain.Errors;
using WalletFlow.Grains.Runtime;

namespace WalletFlow.Tests.Grains.Runtime;

public sealed class GroupCommitTests
{
    private const int MaxBatchSize = 16;

    [Fact]
    public async Task Requests_queued_behind_a_running_batch_are_handled_in_few_batches_in_order_each_caller_getting_its_own_response()
    {
        await using var wallets = new Wallets();
        using var metrics = new MetricsRecorder(wallets.Runtime);
        var wallet = wallets.Directory.Get("w1");
        var first = wallet.InvokeBatchedAsync<Deposit, Result<Receipt>>(new Deposit(0, 1000));
        await wallets.FirstBatchStarted.Within();

        var queued = Enumerable.Range(1, 50).Select(id => wallet.InvokeBatchedAsync<Deposit, Result<Receipt>>(new Deposit(id, id))).ToArray();
        wallets.ReleaseFirstBatch();
        var receipts = await Task.WhenAll(queued).Within();

        Assert.Equal(new Receipt(0, 1000), (await first.Within()).Value);
        for (var id = 1; id <= 50; id++)
        {
            Assert.Equal(new Receipt(id, 1000 + (id * (id + 1) / 2)), receipts[id - 1].Value);
        }

        int[][] expectedBatches = [[0], [.. Enumerable.Range(1, 16)], [.. Enumerable.Range(17, 16)], [.. Enumerable.Range(33, 16)], [49, 50]];
        Assert.Equal(expectedBatches, await wallet.InvokeAsync(grain => Task.FromResult(grain.Batches.ToArray())).Within());
        Assert.Equal([1, 16, 16, 16, 2], metrics.Values("walletflow.grains.batch.size"));
    }

    [Fact]
    public async Task A_lone_request_is_handled_at_once_as_a_batch_of_one()
    {
        await using var wallets = new Wallets(holdFirstBatch: false);
        var wallet = wallets.Directory.Get("w1");

        var receipt = await wallet.InvokeBatchedAsync<Deposit, Result<Receipt>>(new Deposit(1, 5)).Within();

        Assert.Equal(new Receipt(1, 5), receipt.Value);
        Assert.Equal([[1]], await wallet.InvokeAsync(grain => Task.FromResult(grain.Batches.ToArray())).Within());
    }

    [Fact]
    public async Task A_rejected_request_gets_its_own_error_while_the_rest_of_its_batch_succeeds()
    {
        await using var wallets = new Wallets();
        var wallet = wallets.Directory.Get("w1");
        var first = wallet.InvokeBatchedAsync<Deposit, Result<Receipt>>(new Deposit(0, 1));
        await wallets.FirstBatchStarted.Within();

        var good = wallet.InvokeBatchedAsync<Deposit, Result<Receipt>>(new Deposit(1, 10));
        var bad = wallet.InvokeBatchedAsync<Deposit, Result<Receipt>>(new Deposit(2, -10));
        var alsoGood = wallet.InvokeBatchedAsync<Deposit, Result<Receipt>>(new Deposit(3, 100));
        wallets.ReleaseFirstBatch();

        Assert.Equal(new Receipt(1, 11), (await good.Within()).Value);
        Assert.Equal(ErrorCodes.Validation, (await bad.Within()).Error?.Code);
        Assert.Equal(new Receipt(3, 111), (await alsoGood.Within()).Value);
        await first.Within();
    }

    [Fact]
    public async Task A_batch_that_throws_fails_each_of_its_callers_and_the_next_batch_runs()
    {
        await using var wallets = new Wallets(failBatchesContaining: 2);
        var wallet = wallets.Directory.Get("w1");
        var first = wallet.InvokeBatchedAsync<Deposit, Result<Receipt>>(new Deposit(0, 1));
        await wallets.FirstBatchStarted.Within();

        var doomed = new[] { 1, 2 }.Select(id => wallet.InvokeBatchedAsync<Deposit, Result<Receipt>>(new Deposit(id, 1))).ToArray();
        var balance = wallet.InvokeAsync(grain => grain.BalanceAsync());
        var after = wallet.InvokeBatchedAsync<Deposit, Result<Receipt>>(new Deposit(3, 1));
        wallets.ReleaseFirstBatch();

        foreach (var request in doomed)
        {
            Assert.Equal("connection lost", (await Assert.ThrowsAsync<InvalidOperationException>(() => request.Within())).Message);
        }

        Assert.Equal(1, await balance.Within());
        Assert.Equal(new Receipt(3, 2), (await after.Within()).Value);
        await first.Within();
    }

    [Fact]
    public async Task A_batch_never_takes_requests_from_behind_a_plain_call()
    {
        await using var wallets = new Wallets();
        var wallet = wallets.Directory.Get("w1");
        var first = wallet.InvokeBatchedAsync<Deposit, Result<Receipt>>(new Deposit(0, 1));
        await wallets.FirstBatchStarted.Within();

        var before = new[] { 1, 2 }.Select(id => wallet.InvokeBatchedAsync<Deposit, Result<Receipt>>(new Deposit(id, 10))).ToArray();
        var balance = wallet.InvokeAsync(grain => grain.BalanceAsync());
        var behind = new[] { 3, 4 }.Select(id => wallet.InvokeBatchedAsync<Deposit, Result<Receipt>>(new Deposit(id, 100))).ToArray();
        wallets.ReleaseFirstBatch();
        await Task.WhenAll([.. before, .. behind, first]).Within();

        Assert.Equal(21, await balance.Within());
        int[][] expectedTurns = [[0], [1, 2], [], [3, 4]];
        Assert.Equal(expectedTurns, await wallet.InvokeAsync(grain => Task.FromResult(grain.Batches.ToArray())).Within());
    }

    [Fact]
    public async Task A_cancelled_request_is_left_out_of_its_batch()
    {
        await using var wallets = new Wallets();
        var wallet = wallets.Directory.Get("w1");
        var first = wallet.InvokeBatchedAsync<Deposit, Result<Receipt>>(new Deposit(0, 1));
        await wallets.FirstBatchStarted.Within();
        using var cancellation = new CancellationTokenSource();

        var kept = wallet.InvokeBatchedAsync<Deposit, Result<Receipt>>(new Deposit(1, 1));
        var cancelled = wallet.InvokeBatchedAsync<Deposit, Result<Receipt>>(new Deposit(2, 1), cancellation.Token);
        var alsoKept = wallet.InvokeBatchedAsync<Deposit, Result<Receipt>>(new Deposit(3, 1));
        await cancellation.CancelAsync();
        wallets.ReleaseFirstBatch();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.Within());
        await Task.WhenAll(first, kept, alsoKept).Within();
        int[][] expectedBatches = [[0], [1, 3]];
        Assert.Equal(expectedBatches, await wallet.InvokeAsync(grain => Task.FromResult(grain.Batches.ToArray())).Within());
    }

    [Fact]
    public async Task A_batched_request_to_a_grain_that_does_not_batch_it_is_refused()
    {
        await using var host = new ProbeHost();
        var probe = host.Grains.Get("w1");

        Assert.Throws<InvalidOperationException>(() => { _ = probe.InvokeBatchedAsync<Deposit, Result<Receipt>>(new Deposit(1, 1)); });
    }

    /// <summary>Ledger probe grains whose first batch can be held, to let requests queue up behind it.</summary>
    private sealed class Wallets : IAsyncDisposable
    {
        private readonly TaskCompletionSource _firstBatchStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _releaseFirstBatch = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Wallets(bool holdFirstBatch = true, int? failBatchesContaining = null)
        {
            Runtime = new GrainRuntime(new GrainRuntimeOptions { MaxBatchSize = MaxBatchSize }, new ManualTimeProvider());
            Directory = Runtime.Register<string, ILedgerProbeGrain>(_ => new LedgerProbeGrain(batch =>
            {
                if (batch.Any(deposit => deposit.Id == failBatchesContaining))
                {
                    throw new InvalidOperationException("connection lost");
                }

                if (!holdFirstBatch || !_firstBatchStarted.TrySetResult())
                {
                    return Task.CompletedTask;
                }

                return _releaseFirstBatch.Task;
            }));
        }

        public GrainRuntime Runtime { get; }

        public GrainDirectory<string, ILedgerProbeGrain> Directory { get; }

        public Task FirstBatchStarted => _firstBatchStarted.Task;

        public void ReleaseFirstBatch() => _releaseFirstBatch.SetResult();

        public async ValueTask DisposeAsync() => await Runtime.DisposeAsync().AsTask().Within();
    }
}
