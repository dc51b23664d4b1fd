using WalletFlow.Application.Commands;
using WalletFlow.Domain.Accounts;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;

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
        var fields = new RequestValidator();
        var network = fields.Read(NetworkId.Parse(request.Network), "network");
        var coin = fields.Currency(request.Coin, "coin");
        var coins = fields.Amount(request.CoinAmount, coin, "coinAmount");
        var bankId = fields.Bank(request.BankId, "bankId");
        var fiatCurrency = fields.Currency(request.FiatCurrency, "fiatCurrency");
        var fiat = fields.Amount(request.FiatAmount, fiatCurrency, "fiatAmount");
        var reference = RequestValidator.Optional(request.Reference);
        StablecoinRamp.CheckCurrencies(fields, fiatCurrency, coin);
        if (fields.Failed(out var error))
        {
            return Task.FromResult<Result<CommandPlan<StablecoinRampData>>>(error);
        }

        var bank = new BankAccount(bankId, fiatCurrency);
        var custody = new StablecoinCustodyAccount(network, coin);
        var post = new TemplateVars()
            .Monetary("coins", coins)
            .Monetary("fiat", fiat)
            .Account("custody", custody)
            .Account("bank", bank)
            .Account("fx_coins", new FxPositionAccount(coin))
            .Account("fx_fiat", new FxPositionAccount(fiatCurrency))
            .Post("stablecoin_offramp", metadata: Metadata.Of(("reference", reference)));
        var plan = new CommandPlan<StablecoinRampData>(
            CommandPartition.Direct.Instance,
            post,
            [],
            new FlagScope([], [fiatCurrency.Code, coin.Code], null),
            new StablecoinRampData(bank.ToString(), custody.ToString(), fiat.ToDecimalString(), fiatCurrency.Code, coins.ToDecimalString(), coin.Code, reference));
        return Task.FromResult<Result<CommandPlan<StablecoinRampData>>>(plan);
    }
}
