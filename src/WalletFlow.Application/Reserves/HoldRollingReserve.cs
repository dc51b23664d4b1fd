using WalletFlow.Application.Commands;
using WalletFlow.Application.Wallets;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.Reserves;

/// <summary>Moves part of a merchant's available balance to its rolling reserve: still owed, no longer spendable (template <c>rolling_reserve_hold</c>).</summary>
public sealed class HoldRollingReserve(IWalletStore wallets) : ICommandHandler<RollingReserveRequest, RollingReserveData>
{
    public static CommandDescriptor Descriptor { get; } = new CommandDescriptor<RollingReserveRequest, RollingReserveData, HoldRollingReserve>
    {
        Name = "holdRollingReserve",
        Title = "Hold rolling reserve",
        Summary = "Moves part of a merchant's available balance to its rolling reserve; refused if the wallet cannot cover it.",
        Area = "Reserves",
        Route = "/wallets/{walletId}/rolling-reserve/hold",
        Example = new RollingReserveRequest(CommandExamples.WalletId, "20.00", "USD", "10% rolling reserve, week 14"),
        Template = "rolling_reserve_hold",
        Rejections = [ErrorCodes.InsufficientFunds, ErrorCodes.CurrencyUnknown, ErrorCodes.InvalidAmount, ErrorCodes.InvalidId, ErrorCodes.CurrencyMismatch, ErrorCodes.WalletNotActive, ErrorCodes.NotFound, ErrorCodes.FlagDenied],
    };

    public Task<Result<CommandPlan<RollingReserveData>>> PlanAsync(RollingReserveRequest request, CommandContext context, CancellationToken cancellationToken) =>
        RollingReserve.PlanAsync(wallets, request, "rolling_reserve_hold", cancellationToken);
}
