using Microsoft.Extensions.Logging;
using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;
using WalletFlow.Grains.Payouts;
using WalletFlow.Grains.Wallets;

namespace WalletFlow.Grains.Commands;

/// <summary>
/// Sends a planned command to the grain of its partition (a wallet's, a hold's) or, for commands the database alone
/// serializes, straight to the journal. A grain call rejected while the cluster's membership changes is sent again
/// (<see cref="MembershipRetry"/>); when the changes outlast the retries, the caller hears <c>UNAVAILABLE</c>.
/// </summary>
public sealed partial class GrainCommitter(IGrainFactory grains, ICommandJournal journal, TimeProvider time, ILogger<GrainCommitter> logger) : ICommandCommitter
{
    public async Task<Result<CommandOutcome>> CommitAsync(PlannedCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        try
        {
            return command.Plan.Partition switch
            {
                CommandPartition.Wallet wallet => await InGrainAsync(() => grains.GetGrain<IWalletGrain>(wallet.Id.ToString()).CommitAsync(command, cancellationToken), command, cancellationToken),
                CommandPartition.Hold hold => await InGrainAsync(() => grains.GetGrain<IHoldGrain>(hold.Id.ToString()).CommitAsync(command), command, cancellationToken),
                _ => (await journal.CommitAsync([command], cancellationToken))[0],
            };
        }
        catch (Exception exception) when (MembershipRetry.IsMembershipChange(exception) && !cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(logger, exception, command.Command);
            return Unreachable;
        }
    }

    /// <summary>The command may or may not have committed in a grain the cluster lost; the same key settles which.</summary>
    public static Error Unreachable { get; } = new(
        ErrorCodes.Unavailable,
        "WalletFlow could not reach the grain of this command while its cluster changed. Retry with the same Idempotency-Key: the retry completes the command or answers its receipt, and never runs it twice.");

    private async Task<Result<CommandOutcome>> InGrainAsync(Func<Task<CommitAnswer>> commit, PlannedCommand command, CancellationToken cancellationToken) =>
        (await MembershipRetry.RunAsync(
            commit, (attempt, exception) => LogMembershipRetry(logger, command.Command, attempt, exception.Message), time, MembershipRetry.Delay, cancellationToken)).ToResult();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command {Command} is sent to its grain again (attempt {Attempt}): the cluster's membership is changing ({Reason}).")]
    private static partial void LogMembershipRetry(ILogger logger, string command, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command {Command} answered UNAVAILABLE: its grain could not be reached while the cluster changed.")]
    private static partial void LogUnreachable(ILogger logger, Exception exception, string command);
}
