using WalletFlow.Application.Commands;
using WalletFlow.Application.Wallets;
using WalletFlow.Domain.Accounts;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.Payouts;

public sealed record ReleaseHoldRequest(string? HoldId, [property: OptionalField] string? Reason);

/// <summary>The provider failed: the hold goes back to the wallet's available balance (template <c>payout_release</c>); no cash moves.</summary>
public sealed class ReleaseHold(IHoldStore holds, IWalletStore wallets) : ICommandHandler<ReleaseHoldRequest, HoldData>
{
    public static CommandDescriptor Descriptor { get; } = new CommandDescriptor<ReleaseHoldRequest, HoldData, ReleaseHold>
    {
        Name = "releaseHold",
        Title = "Release payout",
        Summary = "Records that the payout failed: the hold goes back to the wallet's available balance.",
        Area = "Payouts",
        Route = "/holds/{holdId}/release",
        Example = new ReleaseHoldRequest(CommandExamples.HoldId, "The provider rejected the beneficiary account"),
        Template = "payout_release",
        AllowedRoles = CallerRoles.Everyone,
        IsCompletion = true,
        NeedsConfirmation = true,
        Rejections = [ErrorCodes.InvalidId, ErrorCodes.NotFound, ErrorCodes.HoldNotOpen, ErrorCodes.FlagDenied],
    };

    public async Task<Result<CommandPlan<HoldData>>> PlanAsync(ReleaseHoldRequest request, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var fields = new RequestValidator();
        var id = fields.Hold(request.HoldId, "holdId");
        var reason = RequestValidator.Optional(request.Reason);
        if (fields.Failed(out var error))
        {
            return error;
        }

        if (!(await holds.FindMovableAsync(id, Holds.Open, cancellationToken)).TryGetValue(out var hold, out var holdError))
        {
            return holdError;
        }

        var post = new TemplateVars()
            .Monetary("amount", hold.Amount)
            .Account("hold", new WalletHoldAccount(hold.Wallet, hold.Id))
            .Account("wallet", new WalletAvailableAccount(hold.Wallet))
            .Post("payout_release", metadata: Metadata.Of(("hold_id", hold.Id.ToString()), ("provider", hold.Provider), ("reason", reason)));
        return new CommandPlan<HoldData>(
            new CommandPartition.Hold(hold.Id),
            post,
            [new MoveHold(hold.Id.ToString(), Holds.Open, HoldStatus.Released, reason, context.Now)],
            await wallets.FlagScopeAsync(hold, cancellationToken),
            HoldData.From(hold with { Status = HoldStatus.Released, Reason = reason ?? hold.Reason, UpdatedAt = context.Now }));
    }
}
