using WalletFlow.Application.Commands;
using WalletFlow.Application.Wallets;
using WalletFlow.Domain.Accounts;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.Payouts;

public sealed record SettleHoldRequest(string? HoldId);

/// <summary>
/// The provider paid the beneficiary: the hold is discharged and the cash leaves the hold's bank (template
/// <c>payout_settle</c>). Refused if that bank does not hold the cash; the hold then stays open.
/// </summary>
public sealed class SettleHold(IHoldStore holds, IWalletStore wallets) : ICommandHandler<SettleHoldRequest, HoldData>
{
    public static CommandDescriptor Descriptor { get; } = new CommandDescriptor<SettleHoldRequest, HoldData, SettleHold>
    {
        Name = "settleHold",
        Title = "Settle payout",
        Summary = "Records that the provider paid the payout: the hold is discharged and the cash leaves the hold's bank.",
        Area = "Payouts",
        Route = "/holds/{holdId}/settle",
        Example = new SettleHoldRequest(CommandExamples.HoldId),
        Template = "payout_settle",
        AllowedRoles = CallerRoles.Everyone,
        IsCompletion = true,
        NeedsConfirmation = true,
        Rejections = [ErrorCodes.InvalidId, ErrorCodes.NotFound, ErrorCodes.HoldNotOpen, ErrorCodes.InsufficientFunds, ErrorCodes.FlagDenied],
    };

    public async Task<Result<CommandPlan<HoldData>>> PlanAsync(SettleHoldRequest request, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var fields = new RequestValidator();
        var id = fields.Hold(request.HoldId, "holdId");
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
            .Account("bank", new BankAccount(hold.Bank, hold.Amount.Currency))
            .Post("payout_settle", metadata: Metadata.Of(("hold_id", hold.Id.ToString()), ("provider", hold.Provider)));
        return new CommandPlan<HoldData>(
            new CommandPartition.Hold(hold.Id),
            post,
            [new MoveHold(hold.Id.ToString(), Holds.Open, HoldStatus.Settled, Reason: null, context.Now)],
            await wallets.FlagScopeAsync(hold, cancellationToken),
            HoldData.From(hold with { Status = HoldStatus.Settled, UpdatedAt = context.Now }));
    }
}
