using Orleans;
using WalletFlow.Application.Commands;
using WalletFlow.Domain.Accounts;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;
using WalletFlow.Domain.Money;

namespace WalletFlow.Application.Treasury;

/// <summary>What both ramps return: the bank and custody accounts the money moved through, and both amounts.</summary>
[GenerateSerializer, Alias("walletflow.data.stablecoin_ramp"), Immutable]
public sealed record StablecoinRampData(
    string Bank, string Custody, [property: Money("FiatCurrency")] string FiatAmount, string FiatCurrency, [property: Money("Coin")] string CoinAmount, string Coin, string? Reference);

/// <summary>What a ramp's request says, whichever way the money goes.</summary>
internal sealed record RampRequest(string? BankId, string? FiatAmount, string? FiatCurrency, string? CoinAmount, string? Coin, string? Network, string? Reference);

/// <summary>
/// What both ramps share: the same fields, checks, accounts and data; the template says which way the money goes.
/// Each ramp's fields are validated in the order its request lists them: the side the money arrives on first.
/// </summary>
internal static class StablecoinRamp
{
    public static Result<CommandPlan<StablecoinRampData>> Plan(RampRequest request, string template, bool fiatArrives)
    {
        var fields = new RequestValidator();
        (BankId Bank, Currency Currency, Money Amount) fiatSide;
        (NetworkId Network, Currency Coin, Money Amount) coinSide;
        if (fiatArrives)
        {
            fiatSide = Fiat(fields, request);
            coinSide = Coins(fields, request);
        }
        else
        {
            coinSide = Coins(fields, request);
            fiatSide = Fiat(fields, request);
        }

        var (bankId, fiatCurrency, fiat) = fiatSide;
        var (network, coin, coins) = coinSide;
        var reference = RequestValidator.Optional(request.Reference);
        CheckCurrencies(fields, fiatCurrency, coin);
        if (fields.Failed(out var error))
        {
            return error;
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
            .Post(template, metadata: Metadata.Of(("reference", reference)));
        return new CommandPlan<StablecoinRampData>(
            CommandPartition.Direct.Instance,
            post,
            [],
            new FlagScope([], [fiatCurrency.Code, coin.Code], null),
            new StablecoinRampData(bank.ToString(), custody.ToString(), fiat.ToDecimalString(), fiatCurrency.Code, coins.ToDecimalString(), coin.Code, reference));
    }

    private static (BankId Bank, Currency Currency, Money Amount) Fiat(RequestValidator fields, RampRequest request)
    {
        var bank = fields.Bank(request.BankId, "bankId");
        var currency = fields.Currency(request.FiatCurrency, "fiatCurrency");
        return (bank, currency, fields.Amount(request.FiatAmount, currency, "fiatAmount"));
    }

    private static (NetworkId Network, Currency Coin, Money Amount) Coins(RequestValidator fields, RampRequest request)
    {
        var network = fields.Read(NetworkId.Parse(request.Network), "network");
        var coin = fields.Currency(request.Coin, "coin");
        return (network, coin, fields.Amount(request.CoinAmount, coin, "coinAmount"));
    }

    /// <summary>The coin side must be a stablecoin and the fiat side must not: a coin-for-coin swap is not a ramp.</summary>
    private static void CheckCurrencies(RequestValidator fields, Currency? fiat, Currency? coin)
    {
        if (coin is not null)
        {
            fields.Check(coin.IsStablecoin, "coin", $"{coin.Code} is not a stablecoin (USDC, USDT).");
        }

        if (fiat is not null)
        {
            fields.Check(!fiat.IsStablecoin, "fiatCurrency", $"{fiat.Code} is a stablecoin, not a fiat currency.");
        }
    }
}
