using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.Treasury;

public sealed record StablecoinOnrampRequest(
    string? BankId, [property: Money("FiatCurrency")] string? FiatAmount, string? FiatCurrency, [property: Money("Coin")] string? CoinAmount, string? Coin, string? Network, [property: OptionalField] string? Reference);

/// <summary>
/// A customer buys stablecoins with fiat: the fiat arrives at a bank, the coins leave custody, and the FX position
/// takes one and gives the other: template <c>stablecoin_onramp</c>.
/// </summary>
public sealed class StablecoinOnramp : ICommandHandler<StablecoinOnrampRequest, StablecoinRampData>
{
    public static CommandDescriptor Descriptor { get; } = new CommandDescriptor<StablecoinOnrampRequest, StablecoinRampData, StablecoinOnramp>
    {
        Name = "stablecoinOnramp",
        Title = "Stablecoin on-ramp",
        Summary = "Records fiat received at a bank and stablecoins delivered from custody; refused if custody or the FX position lacks the coins.",
        Area = "Fx",
        Route = "/stablecoin/onramps",
        Example = new StablecoinOnrampRequest("citi", "1000.00", "USD", "1000.000000", "USDC", "ethereum", "ramp-88"),
        Template = "stablecoin_onramp",
        SuccessStatus = 201,
        Rejections = [ErrorCodes.InsufficientFunds, ErrorCodes.Validation, ErrorCodes.InvalidId, ErrorCodes.CurrencyUnknown, ErrorCodes.InvalidAmount, ErrorCodes.FlagDenied],
    };

    public Task<Result<CommandPlan<StablecoinRampData>>> PlanAsync(StablecoinOnrampRequest request, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ramp = new RampRequest(request.BankId, request.FiatAmount, request.FiatCurrency, request.CoinAmount, request.Coin, request.Network, request.Reference);
        return Task.FromResult(StablecoinRamp.Plan(ramp, "stablecoin_onramp", fiatArrives: true));
    }
}
