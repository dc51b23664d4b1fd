using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Money;

namespace WalletFlow.Tests.Domain.Money;

public sealed class FormanceAssetTests
{
    [Theory]
    [InlineData("USD", "USD/2")]
    [InlineData("JPY", "JPY")]
    [InlineData("KWD", "KWD/3")]
    [InlineData("CLF", "CLF/4")]
    [InlineData("USDC", "USDC/6")]
    public void A_currency_is_written_in_formance_notation_with_no_suffix_at_scale_zero(string code, string asset) =>
        Assert.Equal(asset, Currencies.Get(code).Asset);

    [Theory]
    [InlineData("USD/2", "USD")]
    [InlineData("JPY", "JPY")]
    [InlineData("USDC/6", "USDC")]
    [InlineData("BHD/3", "BHD")]
    public void Formance_notation_reads_back_to_the_currency(string asset, string code) =>
        Assert.Equal(Currencies.Get(code), Currency.FromAsset(asset).Value);

    [Fact]
    public void Every_currency_round_trips_through_its_asset() =>
        Assert.All(Currency.All, currency => Assert.Equal(currency, Currency.FromAsset(currency.Asset).Value));

    [Theory]
    [InlineData("USD/3")]
    [InlineData("USD/0")]
    [InlineData("USD")]
    [InlineData("JPY/0")]
    [InlineData("JPY/2")]
    [InlineData("USDC/2")]
    public void A_scale_that_disagrees_with_the_table_is_rejected(string asset)
    {
        var error = Currency.FromAsset(asset).Error;

        Assert.Equal(ErrorCodes.InvalidAsset, error?.Code);
        Assert.Contains("does not match the currency table", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_rejection_says_what_the_asset_should_be() =>
        Assert.Contains("USD has 2 decimals, so its asset is USD/2", Currency.FromAsset("USD/3").Error!.Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("FOO/2")]
    [InlineData("FOO")]
    [InlineData("usd/2")]
    public void An_unknown_code_is_currency_unknown(string asset) =>
        Assert.Equal(ErrorCodes.CurrencyUnknown, Currency.FromAsset(asset).Error?.Code);

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("/2")]
    [InlineData("USD/")]
    [InlineData("USD/02")]
    [InlineData("USD/2/2")]
    [InlineData("USD/x")]
    [InlineData("USD/ 2")]
    public void Malformed_notation_is_an_invalid_asset(string? asset) =>
        Assert.Equal(ErrorCodes.InvalidAsset, Currency.FromAsset(asset).Error?.Code);
}
