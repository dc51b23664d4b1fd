using System.Diagnostics.Metrics;
using WalletFlow.Application.Commands;

namespace WalletFlow.Grains.Wallets;

/// <summary>The wallet grains' instruments, on the <see cref="MeterName"/> meter of the host's <see cref="IMeterFactory"/>.</summary>
public sealed class WalletGrainMetrics
{
    public const string MeterName = "WalletFlow.Grains";

    public WalletGrainMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        BatchSize = meter.CreateHistogram<int>(
            "walletflow.grains.batch.size", "{command}", "Commands a wallet grain handed in together for one journal commit.");
        CommitSize = meter.CreateHistogram<int>(
            "walletflow.grains.commit.size", "{command}", "Commands of any wallet grains the silo committed together in one journal commit.");
    }

    public Histogram<int> BatchSize { get; }

    public Histogram<int> CommitSize { get; }
}
