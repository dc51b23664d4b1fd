using Orleans;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Payouts;
using WalletFlow.Grains.Commands;

namespace WalletFlow.Grains.Payouts;

/// <summary>One payout hold, keyed by its id: its state machine moves one step at a time.</summary>
[Alias("walletflow.hold")]
public interface IHoldGrain : IGrainWithStringKey
{
    [Alias("commit")]
    Task<CommitAnswer> CommitAsync(PlannedCommand command);
}
