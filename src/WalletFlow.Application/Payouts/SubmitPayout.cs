using WalletFlow.Application.Commands;
using WalletFlow.Application.Payouts.Providers;
using WalletFlow.Application.Wallets;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.Payouts;

public sealed record SubmitPayoutRequest(string? HoldId);

/// <summary>
/// Hands a reserved payout to its provider: the hold becomes <c>submitted</c> and its saga starts in the same
/// transaction, so the provider is only ever called for a payout whose money is set aside. Nothing is posted; the saga
/// (<see cref="Sagas.PayoutSagaRunner"/>) submits, requeries, and ends the hold through settle, release or manual review.
/// </summary>
public sealed class SubmitPayout(IHoldStore holds, IWalletStore wallets, IPayoutProviders providers) : ICommandHandler<SubmitPayoutRequest, HoldData>
{
    public static CommandDescriptor Descriptor { get; } = new CommandDescriptor<SubmitPayoutRequest, HoldData, SubmitPayout>
    {
        Name = "submitPayout",
        Title = "Submit payout",
        Summary = "Hands a reserved payout to its provider: the payout saga submits it, asks again while the answer is unknown, and settles, releases or sends it to manual review.",
        Area = "Payouts",
        Route = "/holds/{holdId}/submit",
        Example = new SubmitPayoutRequest(CommandExamples.HoldId),
        AllowedRoles = CallerRoles.Everyone,
        NeedsConfirmation = true,
        Rejections = [ErrorCodes.InvalidId, ErrorCodes.NotFound, ErrorCodes.HoldNotOpen, ErrorCodes.ProviderUnknown, ErrorCodes.FlagDenied],
    };

    public async Task<Result<CommandPlan<HoldData>>> PlanAsync(SubmitPayoutRequest request, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var fields = new RequestValidator();
        var id = fields.Hold(request.HoldId, "holdId");
        if (fields.Failed(out var error))
        {
            return error;
        }

        if (!(await holds.FindMovableAsync(id, [HoldStatus.Reserved], cancellationToken)).TryGetValue(out var hold, out var holdError))
        {
            return holdError;
        }

        if (providers.Find(hold.Provider) is null)
        {
            return new Error(
                ErrorCodes.ProviderUnknown,
                $"Hold {hold.Id} pays out through '{hold.Provider}', which is not a configured provider ({(providers.Names.Count == 0 ? "none is configured" : string.Join(", ", providers.Names.Order(StringComparer.Ordinal)))}); settle or release it by hand.",
                "holdId");
        }

        return new CommandPlan<HoldData>(
            new CommandPartition.Hold(hold.Id),
            Ledger: null,
            [new MoveHold(hold.Id.ToString(), [HoldStatus.Reserved], HoldStatus.Submitted, Reason: null, context.Now), new StartPayoutSaga(hold.Id.ToString(), hold.Provider, context.Now)],
            await wallets.FlagScopeAsync(hold, cancellationToken),
            HoldData.From(hold with { Status = HoldStatus.Submitted, UpdatedAt = context.Now }));
    }
}
