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
            Assert.Equal(Plans.Transfer($"k{i}", amount: i + 1).Plan.Data.GetRawText(), receipt.Data.GetRawText());
        });
        Assert.Equal(40, cluster.Journal.Claimed.Count);
        Assert.Equal(0, cluster.Journal.Replays);
    }

    [Fact]
    public async Task When_a_silo_stops_under_load_its_wallets_move_and_every_command_commits_exactly_once()
    {
        await using var cluster = await GrainCluster.StartAsync(silos: 2);
        var caller = cluster.FactoryOf(0);
        var commands = Enumerable.Range(0, 400).Select(i => Plans.Transfer($"k{i}", wallet: $"wal_{i % 20}")).ToList();

        var load = Task.WhenAll(commands.Select(command => CommitUntilAnsweredAsync(caller, command)));
        await Bounded.Until(() => cluster.Journal.Claimed.Count >= 50);
        await cluster.Cluster.StopSiloAsync(cluster.Cluster.Silos[1]).Within();
        var answers = await load.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.All(answers, answer => Assert.True(answer.ToResult().IsSuccess));
        Assert.Equal(commands.Select(command => command.IdempotencyKey).Order(), cluster.Journal.Claimed.Order());
    }

    /// <summary>What a front's caller does with an unknown outcome: retries the same command (same key) until it is answered.</summary>
    private static async Task<CommitAnswer> CommitUntilAnsweredAsync(IGrainFactory grains, PlannedCommand command)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var wallet = ((PostTemplate)command.Plan.Ledger!).Vars["source"].Split(':')[1];
                return await grains.GetGrain<IWalletGrain>(wallet).CommitAsync(command, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
            }
            catch (Exception) when (attempt < 10)
            {
                await Task.Delay(100);
            }
        }
    }
}
