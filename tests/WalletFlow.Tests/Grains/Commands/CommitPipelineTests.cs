using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Domain.Errors;
using WalletFlow.Grains.Commands;
using WalletFlow.Grains.Wallets;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Grains.Commands;

/// <summary>The silo's group commit across wallet grains, on a real Orleans silo.</summary>
public sealed class CommitPipelineTests
{
    [Fact]
    public async Task Batches_of_many_wallet_grains_handed_in_while_a_commit_runs_are_committed_together_each_grain_getting_its_own_answers()
    {
        var (silo, pipeline, first) = await HoldingFirstCommitAsync(new ScriptedJournal { HoldFirstBatch = true, CommitsGroupsTogether = true }, "k0");
        await using var _ = silo;

        var handed = Enumerable.Range(1, 300)
            .Select(i => silo.Cluster.Client.GetGrain<IWalletGrain>($"wal_{i}").CommitAsync(Plans.Transfer($"k{i}", wallet: $"wal_{i}", amount: i), CancellationToken.None))
            .ToArray();
        await Bounded.Until(() => pipeline.Waiting == 300);
        silo.Journal.ReleaseFirstBatch();
        var answers = await Task.WhenAll(handed).Within();

        Assert.Equal("k0", (await first.Within()).ToResult().Value.Receipt.CommandId);
        Assert.All(Enumerable.Range(1, 300), i => Assert.Equal(Plans.Transfer($"k{i}", wallet: $"wal_{i}", amount: i).Plan.Data, answers[i - 1].ToResult().Value.Receipt.Data));
        Assert.Equal([1, CommitPipeline.MaxCommands, 300 - CommitPipeline.MaxCommands], silo.Journal.Batches.Select(batch => batch.Length));
    }

    [Fact]
    public async Task A_refusal_in_a_merged_commit_answers_only_its_own_grain()
    {
        var (silo, pipeline, first) = await HoldingFirstCommitAsync(new ScriptedJournal { HoldFirstBatch = true, CommitsGroupsTogether = true, Refuse = new HashSet<string> { "poor" } });
        await using var _ = silo;

        var good = silo.Cluster.Client.GetGrain<IWalletGrain>("wal_good").CommitAsync(Plans.Transfer("good", wallet: "wal_good"), CancellationToken.None);
        var poor = silo.Cluster.Client.GetGrain<IWalletGrain>("wal_poor").CommitAsync(Plans.Transfer("poor", wallet: "wal_poor"), CancellationToken.None);
        await Bounded.Until(() => pipeline.Waiting == 2);
        silo.Journal.ReleaseFirstBatch();

        Assert.Equal("good", (await good.Within()).ToResult().Value.Receipt.CommandId);
        Assert.Equal(ErrorCodes.InsufficientFunds, (await poor.Within()).ToResult().Error!.Code);
        Assert.Equal(2, silo.Journal.Batches.Count);
        await first.Within();
    }

    [Fact]
    public async Task A_commit_that_throws_fails_the_grains_of_its_group_and_the_next_group_commits()
    {
        var (silo, pipeline, first) = await HoldingFirstCommitAsync(new ScriptedJournal { HoldFirstBatch = true, CommitsGroupsTogether = true, ThrowFor = "doomed" });
        await using var _ = silo;

        var doomed = silo.Cluster.Client.GetGrain<IWalletGrain>("wal_doomed").CommitAsync(Plans.Transfer("doomed", wallet: "wal_doomed"), CancellationToken.None);
        var beside = silo.Cluster.Client.GetGrain<IWalletGrain>("wal_beside").CommitAsync(Plans.Transfer("beside", wallet: "wal_beside"), CancellationToken.None);
        await Bounded.Until(() => pipeline.Waiting == 2);
        silo.Journal.ReleaseFirstBatch();

        Assert.Equal("connection lost", (await Assert.ThrowsAsync<InvalidOperationException>(() => doomed.Within())).Message);
        Assert.Equal("connection lost", (await Assert.ThrowsAsync<InvalidOperationException>(() => beside.Within())).Message);
        var after = await silo.Cluster.Client.GetGrain<IWalletGrain>("wal_after").CommitAsync(Plans.Transfer("after", wallet: "wal_after"), CancellationToken.None).Within();
        Assert.Equal("after", after.ToResult().Value.Receipt.CommandId);
        await first.Within();
    }

    [Fact]
    public async Task A_journal_that_commits_command_by_command_gets_each_grains_batch_at_once_without_waiting_for_others()
    {
        var (silo, _, first) = await HoldingFirstCommitAsync(new ScriptedJournal { HoldFirstBatch = true, CommitsGroupsTogether = false });
        await using var _ = silo;

        var others = Enumerable.Range(1, 5)
            .Select(i => silo.Cluster.Client.GetGrain<IWalletGrain>($"wal_{i}").CommitAsync(Plans.Transfer($"k{i}", wallet: $"wal_{i}"), CancellationToken.None))
            .ToArray();
        var answers = await Task.WhenAll(others).Within();

        Assert.False(first.IsCompleted);
        Assert.All(answers, answer => Assert.True(answer.ToResult().IsSuccess));
        Assert.Equal(6, silo.Journal.Batches.Count);
        silo.Journal.ReleaseFirstBatch();
        await first.Within();
    }

    /// <summary>A silo whose journal holds its first commit (wallet <c>wal_first</c>'s <paramref name="firstKey"/>) until released: what grains hand in meanwhile waits.</summary>
    private static async Task<(GrainCluster Silo, CommitPipeline Pipeline, Task<CommitAnswer> First)> HoldingFirstCommitAsync(ScriptedJournal journal, string firstKey = "first")
    {
        var silo = await GrainCluster.StartAsync(journal: journal);
        var first = silo.Cluster.Client.GetGrain<IWalletGrain>("wal_first").CommitAsync(Plans.Transfer(firstKey, wallet: "wal_first"), CancellationToken.None);
        await journal.FirstBatchStarted.Within();
        return (silo, silo.Cluster.Silos[0].ServiceProvider.GetRequiredService<CommitPipeline>(), first);
    }
}
