using WalletFlow.Application.Commands;
using WalletFlow.Application.Wallets;
using WalletFlow.Domain.Errors;
using WalletFlow.Grains.Commands;
using WalletFlow.Grains.Wallets;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Grains.Wallets;

/// <summary>The wallet grain's group commit, on a real Orleans silo.</summary>
public sealed class WalletGrainTests
{
    [Fact]
    public async Task Commands_arriving_while_a_batch_commits_are_committed_together_each_caller_getting_its_own_answer()
    {
        var (silo, wallet, first) = await HoldingFirstBatchAsync("wal_hot", new ScriptedJournal { HoldFirstBatch = true }, "k0");
        await using var _ = silo;

        var queued = Enumerable.Range(1, 100).Select(i => wallet.CommitAsync(Plans.Transfer($"k{i}", amount: i), CancellationToken.None)).ToArray();
        await Bounded.Until(() => silo.ActivationOf("wal_hot")?.Queued == 100);
        silo.Journal.ReleaseFirstBatch();
        var answers = await Task.WhenAll(queued).Within();

        Assert.Equal("k0", (await first.Within()).ToResult().Value.Receipt.CommandId);
        Assert.All(Enumerable.Range(1, 100), i => Assert.Equal(Plans.Transfer($"k{i}", amount: i).Plan.Data, answers[i - 1].ToResult().Value.Receipt.Data));
        Assert.Equal([1, WalletGrain.MaxBatchSize, 100 - WalletGrain.MaxBatchSize], silo.Journal.Batches.Select(batch => batch.Length));
        Assert.Equal(Enumerable.Range(0, 101).Select(i => $"k{i}").Order(), silo.Journal.Batches.SelectMany(batch => batch).Order());
    }

    [Fact]
    public async Task A_lone_command_is_committed_at_once_as_a_batch_of_one()
    {
        await using var silo = await GrainCluster.StartAsync();

        var answer = await silo.Cluster.Client.GetGrain<IWalletGrain>("wal_a").CommitAsync(Plans.Transfer("alone"), CancellationToken.None).Within();

        Assert.False(answer.ToResult().Value.Replayed);
        Assert.Equal([["alone"]], silo.Journal.Batches);
    }

    [Fact]
    public async Task A_refusal_answers_only_its_own_caller_while_the_rest_of_its_batch_commits()
    {
        var (silo, wallet, first) = await HoldingFirstBatchAsync("wal_a", new ScriptedJournal { HoldFirstBatch = true, Refuse = new HashSet<string> { "poor" } });
        await using var _ = silo;

        var good = wallet.CommitAsync(Plans.Transfer("good"), CancellationToken.None);
        var poor = wallet.CommitAsync(Plans.Transfer("poor"), CancellationToken.None);
        var alsoGood = wallet.CommitAsync(Plans.Transfer("also-good"), CancellationToken.None);
        await Bounded.Until(() => silo.ActivationOf("wal_a")?.Queued == 3);
        silo.Journal.ReleaseFirstBatch();

        Assert.Equal("good", (await good.Within()).ToResult().Value.Receipt.CommandId);
        var refusal = (await poor.Within()).ToResult().Error!;
        Assert.Equal((ErrorCodes.InsufficientFunds, "amount", "detail"), (refusal.Code, refusal.Field, Assert.Single(refusal.Details).Message));
        Assert.Equal("also-good", (await alsoGood.Within()).ToResult().Value.Receipt.CommandId);
        Assert.Equal(2, silo.Journal.Batches.Count);
        await first.Within();
    }

    [Fact]
    public async Task A_batch_that_throws_fails_each_of_its_callers_and_the_next_batch_commits()
    {
        var (silo, wallet, first) = await HoldingFirstBatchAsync("wal_a", new ScriptedJournal { HoldFirstBatch = true, ThrowFor = "doomed" });
        await using var _ = silo;

        var doomed = new[] { "doomed", "beside-doomed" }.Select(key => wallet.CommitAsync(Plans.Transfer(key), CancellationToken.None)).ToArray();
        await Bounded.Until(() => silo.ActivationOf("wal_a")?.Queued == 2);
        silo.Journal.ReleaseFirstBatch();

        foreach (var call in doomed)
        {
            Assert.Equal("connection lost", (await Assert.ThrowsAsync<InvalidOperationException>(() => call.Within())).Message);
        }

        Assert.Equal("after", (await wallet.CommitAsync(Plans.Transfer("after"), CancellationToken.None).Within()).ToResult().Value.Receipt.CommandId);
        Assert.Equal(["first", "after"], silo.Journal.Claimed.Order(StringComparer.Ordinal).Reverse());
        await first.Within();
    }

    [Fact]
    public async Task A_caller_that_gave_up_before_its_batch_began_is_left_out_of_it()
    {
        var (silo, wallet, first) = await HoldingFirstBatchAsync("wal_a", new ScriptedJournal { HoldFirstBatch = true });
        await using var _ = silo;
        using var gaveUp = new CancellationTokenSource();

        var abandoned = wallet.CommitAsync(Plans.Transfer("abandoned"), gaveUp.Token);
        var kept = wallet.CommitAsync(Plans.Transfer("kept"), CancellationToken.None);
        await Bounded.Until(() => silo.ActivationOf("wal_a")?.Queued == 2);
        await gaveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned.Within());
        // The caller stops waiting at once; the grain hears of it by a message of its own.
        await Bounded.Until(() => silo.ActivationOf("wal_a")?.Queued == 1);
        silo.Journal.ReleaseFirstBatch();

        Assert.Equal("kept", (await kept.Within()).ToResult().Value.Receipt.CommandId);
        await first.Within();
        Assert.DoesNotContain("abandoned", silo.Journal.Batches.SelectMany(batch => batch));
    }

    /// <summary>A silo whose journal holds the wallet's first batch (<paramref name="firstKey"/>) until released: what arrives meanwhile queues.</summary>
    private static async Task<(GrainCluster Silo, IWalletGrain Wallet, Task<CommitAnswer> First)> HoldingFirstBatchAsync(string walletId, ScriptedJournal journal, string firstKey = "first")
    {
        var silo = await GrainCluster.StartAsync(journal: journal);
        var wallet = silo.Cluster.Client.GetGrain<IWalletGrain>(walletId);
        var first = wallet.CommitAsync(Plans.Transfer(firstKey), CancellationToken.None);
        await journal.FirstBatchStarted.Within();
        return (silo, wallet, first);
    }
}
