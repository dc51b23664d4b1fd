using WalletFlow.Domain.Money;
using Cash = WalletFlow.Domain.Money.Money;

namespace WalletFlow.Tests.Domain.Money;

public sealed class MoneyFormattingTests
{
    [Theory]
    [InlineData(1230, "USD", "12.30")]
    [InlineData(5, "USD", "0.05")]
    [InlineData(0, "USD", "0.00")]
    [InlineData(-1, "USD", "-0.01")]
    [InlineData(-1230, "USD", "-12.30")]
    [InlineData(100, "JPY", "100")]
    [InlineData(-100, "JPY", "-100")]
    [InlineData(1, "KWD", "0.001")]
    [InlineData(1_000_000, "USDC", "1.000000")]
    [InlineData(long.MaxValue, "USD", "92233720368547758.07")]
    [InlineData(long.MinValue, "USD", "-92233720368547758.08")]
    [InlineData(long.MinValue, "JPY", "-9223372036854775808")]
    public void Money_is_written_as_decimal_text_at_the_currencys_scale(long minor, string code, string text) =>
        Assert.Equal(text, new Cash(minor, Currencies.Get(code)).ToDecimalString());

    [Fact]
    public void Money_reads_as_amount_and_code() =>
        Assert.Equal("12.30 USD", new Cash(1230, Currencies.Usd).ToString());
}
