using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.Treasury;

public sealed record StablecoinOfframpRequest(
    string? Network, [property: Money("Coin")] string? CoinAmount, string? Coin, string? BankId, [property: Money("FiatCurrency")] string? FiatAmount, string? FiatCurrency, [property: OptionalField] string? Reference);

/// <summary>
/// A customer sells stablecoins for fiat: the coins arrive in custody, the fiat leaves a bank, and the FX position
/// takes one and gives the other: template <c>stablecoin_offramp</c>. An unfunded bank is refused; the treasury wire
/// is then recorded with <see cref="FundBankAccount"/> (purpose fx_position) and the same command run again.
/// </summary>
public sealed class StablecoinOfframp : ICommandHandler<StablecoinOfframpRequest, StablecoinRampData>
{
    public static CommandDescriptor Descriptor { get; } = new CommandDescriptor<StablecoinOfframpRequest, StablecoinRampData, StablecoinOfframp>
    {
        Name = "stablecoinOfframp",
        Title = "Stablecoin off-ramp",
        Summary = "Records stablecoins received into custody and fiat paid from a bank; refused if the bank or the FX position lacks the fiat.",
        Area = "Fx",
        Route = "/stablecoin/offramps",
        Example = new StablecoinOfframpRequest("ethereum", "500.000000", "USDC", "citi", "500.00", "USD", "ramp-89"),
        Template = "stablecoin_offramp",
        SuccessStatus = 201,
        Rejections = [ErrorCodes.InsufficientFunds, ErrorCodes.Validation, ErrorCodes.InvalidId, ErrorCodes.CurrencyUnknown, ErrorCodes.InvalidAmount, ErrorCodes.FlagDenied],
    };

    public Task<Result<CommandPlan<StablecoinRampData>>> PlanAsync(StablecoinOfframpRequest request, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ramp = new RampRequest(request.BankId, request.FiatAmount, request.FiatCurrency, request.CoinAmount, request.Coin, request.Network, request.Reference);
        return Task.FromResult(StablecoinRamp.Plan(ramp, "stablecoin_offramp", fiatArrives: false));
    }
}
