using Orleans;
using WalletFlow.Application.Commands;
using WalletFlow.Domain.Money;

namespace WalletFlow.Application.Treasury;

/// <summary>What both ramps return: the bank and custody accounts the money moved through, and both amounts.</summary>
[GenerateSerializer, Alias("walletflow.data.stablecoin_ramp"), Immutable]
public sealed record StablecoinRampData(
    string Bank, string Custody, [property: Money("FiatCurrency")] string FiatAmount, string FiatCurrency, [property: Money("Coin")] string CoinAmount, string Coin, string? Reference);

/// <summary>What both ramps require of their currencies.</summary>
internal static class StablecoinRamp
{
    /// <summary>The coin side must be a stablecoin and the fiat side must not: a coin-for-coin swap is not a ramp.</summary>
    public static void CheckCurrencies(RequestValidator fields, Currency? fiat, Currency? coin)
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
