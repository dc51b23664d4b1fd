using WalletFlow.Application.Commands;
using WalletFlow.Domain.Accounts;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;

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
        var fields = new RequestValidator();
        var bankId = fields.Bank(request.BankId, "bankId");
        var network = fields.Read(NetworkId.Parse(request.Network), "network");
        var fiatCurrency = fields.Currency(request.FiatCurrency, "fiatCurrency");
        var fiat = fields.Amount(request.FiatAmount, fiatCurrency, "fiatAmount");
        var coin = fields.Currency(request.Coin, "coin");
        var coins = fields.Amount(request.CoinAmount, coin, "coinAmount");
        var reference = RequestValidator.Optional(request.Reference);
        StablecoinRamp.CheckCurrencies(fields, fiatCurrency, coin);
        if (fields.Failed(out var error))
        {
            return Task.FromResult<Result<CommandPlan<StablecoinRampData>>>(error);
        }

        var bank = new BankAccount(bankId, fiatCurrency);
        var custody = new StablecoinCustodyAccount(network, coin);
        var post = new TemplateVars()
            .Monetary("fiat", fiat)
            .Monetary("coins", coins)
            .Account("bank", bank)
            .Account("custody", custody)
            .Account("fx_fiat", new FxPositionAccount(fiatCurrency))
            .Account("fx_coins", new FxPositionAccount(coin))
            .Post("stablecoin_onramp", metadata: Metadata.Of(("reference", reference)));
        var plan = new CommandPlan<StablecoinRampData>(
            CommandPartition.Direct.Instance,
            post,
            [],
            new FlagScope([], [fiatCurrency.Code, coin.Code], null),
            new StablecoinRampData(bank.ToString(), custody.ToString(), fiat.ToDecimalString(), fiatCurrency.Code, coins.ToDecimalString(), coin.Code, reference));
        return Task.FromResult<Result<CommandPlan<StablecoinRampData>>>(plan);
    }
}
