using WalletFlow.Application.Commands;
using WalletFlow.Application.Wallets;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.Reserves;

/// <summary>Returns part of a merchant's rolling reserve to its available balance (template <c>rolling_reserve_release</c>).</summary>
public sealed class ReleaseRollingReserve(IWalletStore wallets) : ICommandHandler<RollingReserveRequest, RollingReserveData>
{
    public static CommandDescriptor Descriptor { get; } = new CommandDescriptor<RollingReserveRequest, RollingReserveData, ReleaseRollingReserve>
    {
        Name = "releaseRollingReserve",
        Title = "Release rolling reserve",
        Summary = "Returns part of a merchant's rolling reserve to its available balance; refused if the reserve does not hold it.",
        Area = "Reserves",
        Route = "/wallets/{walletId}/rolling-reserve/release",
        Example = new RollingReserveRequest(CommandExamples.WalletId, "20.00", "USD", "Reserve of week 2 matured"),
        Template = "rolling_reserve_release",
        Rejections = [ErrorCodes.InsufficientFunds, ErrorCodes.CurrencyUnknown, ErrorCodes.InvalidAmount, ErrorCodes.InvalidId, ErrorCodes.CurrencyMismatch, ErrorCodes.WalletNotActive, ErrorCodes.NotFound, ErrorCodes.FlagDenied],
    };

    public Task<Result<CommandPlan<RollingReserveData>>> PlanAsync(RollingReserveRequest request, CommandContext context, CancellationToken cancellationToken) =>
        RollingReserve.PlanAsync(wallets, request, "rolling_reserve_release", cancellationToken);
}
