using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Money;
using Cash = WalletFlow.Domain.Money.Money;

namespace WalletFlow.Tests.Domain.Money;

public sealed class MoneyParsingTests
{
    [Theory]
    [InlineData("12.3", "USD", 1230)]
    [InlineData("12.30", "USD", 1230)]
    [InlineData("12", "USD", 1200)]
    [InlineData("0", "USD", 0)]
    [InlineData("0.01", "USD", 1)]
    [InlineData("007.50", "USD", 750)]
    [InlineData("100", "JPY", 100)]
    [InlineData("1.234", "KWD", 1234)]
    [InlineData("1", "USDC", 1_000_000)]
    [InlineData("0.000001", "USDT", 1)]
    [InlineData("92233720368547758.07", "USD", long.MaxValue)]
    public void Decimal_text_is_read_at_the_currencys_scale(string text, string code, long minor) =>
        Assert.Equal(new Cash(minor, Currencies.Get(code)), Cash.Parse(text, Currencies.Get(code)).Value);

    [Fact]
    public void Parsing_more_decimals_than_the_currency_allows_is_rejected()
    {
        var error = Cash.Parse("12.345", Currencies.Usd).Error;

        Assert.Equal(ErrorCodes.InvalidAmount, error?.Code);
        Assert.Contains("USD allows 2 decimals", error!.Message, StringComparison.Ordinal);
        Assert.Equal("amount", error.Field);
    }

    [Theory]
    [InlineData("100.0")]
    [InlineData("100.5")]
    public void A_currency_without_decimals_rejects_any_decimal_part(string text)
    {
        var error = Cash.Parse(text, Currencies.Jpy).Error;

        Assert.Equal(ErrorCodes.InvalidAmount, error?.Code);
        Assert.Contains("JPY allows no decimals", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trailing_zeros_beyond_the_scale_are_still_too_many_decimals() =>
        Assert.Equal(ErrorCodes.InvalidAmount, Cash.Parse("12.340", Currencies.Usd).Error?.Code);

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData(".")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("+5")]
    [InlineData("1e3")]
    [InlineData("1E3")]
    [InlineData("1,000")]
    [InlineData("1,000.00")]
    [InlineData("1 000")]
    [InlineData(" 5")]
    [InlineData("5 ")]
    [InlineData("1.2.3")]
    [InlineData("--5")]
    [InlineData("-")]
    [InlineData("five")]
    [InlineData("٥")]
    [InlineData("0x10")]
    [InlineData("NaN")]
    public void Anything_but_plain_digits_with_one_point_is_rejected(string? text) =>
        Assert.Equal(ErrorCodes.InvalidAmount, Cash.Parse(text, Currencies.Usd, AmountSign.Signed).Error?.Code);

    [Fact]
    public void A_negative_amount_is_rejected_unless_signed_amounts_are_asked_for()
    {
        var error = Cash.Parse("-5.00", Currencies.Usd).Error;

        Assert.Equal(ErrorCodes.InvalidAmount, error?.Code);
        Assert.Contains("negative", error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-5.00", -500)]
    [InlineData("-0.01", -1)]
    [InlineData("-0", 0)]
    [InlineData("-92233720368547758.08", long.MinValue)]
    public void Signed_parsing_reads_negative_amounts(string text, long minor) =>
        Assert.Equal(minor, Cash.Parse(text, Currencies.Usd, AmountSign.Signed).Value.Minor);

    [Theory]
    [InlineData("92233720368547758.08", AmountSign.NonNegative)]
    [InlineData("-92233720368547758.09", AmountSign.Signed)]
    [InlineData("100000000000000000000", AmountSign.NonNegative)]
    [InlineData("99999999999999999999999999999999999999999", AmountSign.NonNegative)]
    public void An_amount_beyond_64_bit_minor_units_overflows(string text, AmountSign sign) =>
        Assert.Equal(ErrorCodes.AmountOverflow, Cash.Parse(text, Currencies.Usd, sign).Error?.Code);

    [Fact]
    public void Many_leading_zeros_do_not_overflow() =>
        Assert.Equal(5, Cash.Parse(new string('0', 100) + "0.05", Currencies.Usd).Value.Minor);

    [Fact]
    public void Parsing_with_a_currency_code_looks_the_currency_up_first()
    {
        Assert.Equal(1230, Cash.Parse("12.30", "USD").Value.Minor);
        Assert.Equal(ErrorCodes.CurrencyUnknown, Cash.Parse("12.30", "FOO").Error?.Code);
    }
}
