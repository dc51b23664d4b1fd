using WalletFlow.Application.Commands;
using WalletFlow.Application.Wallets;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.Payouts;

public sealed record MarkPayoutManualReviewRequest(string? HoldId, string? Reason);

/// <summary>
/// The payout's outcome is unknown: the hold goes to manual review, its money still set aside, until an operator
/// settles or releases it. Nothing is posted.
/// </summary>
public sealed class MarkPayoutManualReview(IHoldStore holds, IWalletStore wallets) : ICommandHandler<MarkPayoutManualReviewRequest, HoldData>
{
    /// <summary>A hold already in review is not sent again: the reason of the first review would be overwritten.</summary>
    public static IReadOnlyList<HoldStatus> From { get; } = [HoldStatus.Reserved, HoldStatus.Submitted];

    public static CommandDescriptor Descriptor { get; } = new CommandDescriptor<MarkPayoutManualReviewRequest, HoldData, MarkPayoutManualReview>
    {
        Name = "markPayoutManualReview",
        Title = "Send payout to manual review",
        Summary = "Marks a payout whose outcome is unknown for manual review; its hold keeps the money until it is settled or released.",
        Area = "Payouts",
        Route = "/holds/{holdId}/manual-review",
        Example = new MarkPayoutManualReviewRequest(CommandExamples.HoldId, "The provider status is unknown after three requeries"),
        AllowedRoles = CallerRoles.Everyone,
        IsCompletion = true,
        NeedsConfirmation = true,
        Rejections = [ErrorCodes.InvalidId, ErrorCodes.NotFound, ErrorCodes.HoldNotOpen, ErrorCodes.FlagDenied],
    };

    public async Task<Result<CommandPlan<HoldData>>> PlanAsync(MarkPayoutManualReviewRequest request, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var fields = new RequestValidator();
        var id = fields.Hold(request.HoldId, "holdId");
        var reason = fields.Required(request.Reason, "reason");
        if (fields.Failed(out var error))
        {
            return error;
        }

        if (!(await holds.FindMovableAsync(id, From, cancellationToken)).TryGetValue(out var hold, out var holdError))
        {
            return holdError;
        }

        return new CommandPlan<HoldData>(
            new CommandPartition.Hold(hold.Id),
            Ledger: null,
            [new MoveHold(hold.Id.ToString(), From, HoldStatus.ManualReview, reason, context.Now)],
            await wallets.FlagScopeAsync(hold, cancellationToken),
            HoldData.From(hold with { Status = HoldStatus.ManualReview, Reason = reason, UpdatedAt = context.Now }));
    }
}
