using WalletFlow.Application.Commands;
using WalletFlow.Application.Wallets;
using WalletFlow.Grains.Commands;
using WalletFlow.Grains.Wallets;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Grains;

/// <summary>The grains on a cluster of two real silos: calls between silos, and a silo leaving under load.</summary>
public sealed class ClusterTests
{
    [Fact]
    public async Task A_wallet_called_from_both_silos_answers_each_caller_its_own_receipt_with_the_plan_intact()
    {
        await using var cluster = await GrainCluster.StartAsync(silos: 2);

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            cluster.FactoryOf(i % 2).GetGrain<IWalletGrain>("wal_shared").CommitAsync(Plans.Transfer($"k{i}", amount: i + 1), CancellationToken.None))).Within();

        Assert.All(Enumerable.Range(0, 40), i =>
        {
            var receipt = answers[i].ToResult().Value.Receipt;
            Assert.Equal($"k{i}", receipt.CommandId);
            Assert.Equal(Plans.Transfer($"k{i}", amount: i + 1).Plan.Data, receipt.Data);
        });
        Assert.Equal(40, cluster.Journal.Claimed.Count);
        Assert.Equal(0, cluster.Journal.Replays);
    }

    [Fact]
    public async Task When_a_silo_stops_under_load_its_wallets_move_and_every_command_commits_exactly_once()
    {
        await using var cluster = await GrainCluster.StartAsync(silos: 2);
        var caller = cluster.FactoryOf(0);
        var commands = Enumerable.Range(0, 400).Select(i => (Wallet: $"wal_{i % 20}", Command: Plans.Transfer($"k{i}", wallet: $"wal_{i % 20}"))).ToList();

        var load = Task.WhenAll(commands.Select(sent => CommitUntilAnsweredAsync(cluster, caller.GetGrain<IWalletGrain>(sent.Wallet), sent.Command)));
        await Bounded.Until(() => cluster.Journal.Claimed.Count >= 50);
        await cluster.Cluster.StopSiloAsync(cluster.Cluster.Silos[1]).Within();
        var answers = await load.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.All(answers, answer => Assert.True(answer.ToResult().IsSuccess));
        Assert.Equal(commands.Select(sent => sent.Command.IdempotencyKey).Order(), cluster.Journal.Claimed.Order());
    }

    /// <summary>
    /// What a front's caller does with an unknown outcome: sends the same command (same key) again, once the cluster
    /// agrees on who is alive, until it is answered.
    /// </summary>
    private static async Task<CommitAnswer> CommitUntilAnsweredAsync(GrainCluster cluster, IWalletGrain wallet, PlannedCommand command)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await wallet.CommitAsync(command, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
            }
            catch (Exception) when (attempt < 10)
            {
                await cluster.Cluster.WaitForLivenessToStabilizeAsync();
            }
        }
    }
}
