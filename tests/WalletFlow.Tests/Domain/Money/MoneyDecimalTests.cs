using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Money;
using Cash = WalletFlow.Domain.Money.Money;

namespace WalletFlow.Tests.Domain.Money;

public sealed class MoneyDecimalTests
{
    [Fact]
    public void A_decimal_converts_exactly_at_the_currencys_scale()
    {
        Assert.Equal(new Cash(1230, Currencies.Usd), Cash.FromDecimal(12.3m, Currencies.Usd).Value);
        Assert.Equal(new Cash(100, Currencies.Jpy), Cash.FromDecimal(100.000m, Currencies.Jpy).Value);
        Assert.Equal(new Cash(1, Currencies.Usdc), Cash.FromDecimal(0.000001m, Currencies.Usdc).Value);
    }

    [Fact]
    public void A_decimal_with_more_decimals_than_the_currency_allows_is_rejected_not_rounded()
    {
        Assert.Equal(ErrorCodes.InvalidAmount, Cash.FromDecimal(12.345m, Currencies.Usd).Error?.Code);
        Assert.Equal(ErrorCodes.InvalidAmount, Cash.FromDecimal(100.5m, Currencies.Jpy).Error?.Code);
        Assert.Equal(ErrorCodes.InvalidAmount, Cash.FromDecimal(1.0000000000000000000000000001m, Currencies.Usd).Error?.Code);
    }

    [Fact]
    public void A_negative_decimal_needs_signed_amounts()
    {
        Assert.Equal(ErrorCodes.InvalidAmount, Cash.FromDecimal(-1m, Currencies.Usd).Error?.Code);
        Assert.Equal(-100, Cash.FromDecimal(-1m, Currencies.Usd, AmountSign.Signed).Value.Minor);
    }

    [Fact]
    public void A_decimal_beyond_64_bit_minor_units_overflows()
    {
        Assert.Equal(ErrorCodes.AmountOverflow, Cash.FromDecimal(92233720368547758.08m, Currencies.Usd).Error?.Code);
        Assert.Equal(ErrorCodes.AmountOverflow, Cash.FromDecimal(decimal.MaxValue, Currencies.Usdc).Error?.Code);
        Assert.Equal(ErrorCodes.AmountOverflow, Cash.FromDecimal(decimal.MinValue, Currencies.Usd, AmountSign.Signed).Error?.Code);
        Assert.Equal(long.MinValue, Cash.FromDecimal(-92233720368547758.08m, Currencies.Usd, AmountSign.Signed).Value.Minor);
    }

    [Theory]
    [InlineData(1230, "USD", "12.30")]
    [InlineData(-1, "KWD", "-0.001")]
    [InlineData(100, "JPY", "100")]
    [InlineData(long.MinValue, "USD", "-92233720368547758.08")]
    public void Money_converts_to_a_decimal_that_keeps_the_scale(long minor, string code, string text) =>
        Assert.Equal(text, new Cash(minor, Currencies.Get(code)).ToDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture));
}
