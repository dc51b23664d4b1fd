using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Payouts;
using WalletFlow.Application.Wallets;
using WalletFlow.Grains.Commands;
using WalletFlow.Grains.Wallets;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Grains;

/// <summary>
/// Real Orleans silos in the test process (Orleans' InProcessTestCluster), serving the wallet and hold grains over a
/// <see cref="ScriptedJournal"/> and a <see cref="FixedHoldStore"/> that every silo shares, as they share one database.
/// </summary>
internal sealed class GrainCluster : IAsyncDisposable
{
    private static readonly TimeSpan DeployLimit = TimeSpan.FromSeconds(60);

    private GrainCluster(InProcessTestCluster cluster, ScriptedJournal journal, FixedHoldStore holds)
    {
        Cluster = cluster;
        Journal = journal;
        Holds = holds;
    }

    public InProcessTestCluster Cluster { get; }

    public ScriptedJournal Journal { get; }

    public FixedHoldStore Holds { get; }

    public static async Task<GrainCluster> StartAsync(short silos = 1, ScriptedJournal? journal = null)
    {
        journal ??= new ScriptedJournal();
        var holds = new FixedHoldStore();
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<ICommandJournal>(journal);
            silo.Services.AddSingleton<IHoldStore>(holds);
            silo.Services.AddSingleton<WalletGrainMetrics>();
            silo.Services.AddSingleton<CommitPipeline>();
        });
        var cluster = builder.Build();
        // Bounded, but not by the usual 15 s: the first deploys of a run start silos while the solution's other test
        // hosts start on the same two cores, and one has taken longer than that.
        await cluster.DeployAsync().WaitAsync(DeployLimit, TestContext.Current.CancellationToken);
        return new GrainCluster(cluster, journal, holds);
    }

    /// <summary>The grain factory of one silo: its calls to a grain living elsewhere cross the silo boundary, serialized.</summary>
    public IGrainFactory FactoryOf(int silo) => Cluster.Silos[silo].ServiceProvider.GetRequiredService<IGrainFactory>();

    /// <summary>The activation of a wallet's grain, wherever it lives in the cluster.</summary>
    public WalletGrain? ActivationOf(string wallet) =>
        Cluster.TryGetGrainContext(Cluster.Client.GetGrain<IWalletGrain>(wallet).GetGrainId(), out var context) ? context.GrainInstance as WalletGrain : null;

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
