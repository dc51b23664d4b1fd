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
        BatchSize = meters.Create(MeterName).CreateHistogram<int>(
            "walletflow.grains.batch.size", "{command}", "Commands a wallet grain committed together in one journal commit.");
    }

    public Histogram<int> BatchSize { get; }
}
