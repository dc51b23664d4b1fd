using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Money;

namespace WalletFlow.Tests.Domain.Money;

public sealed class CurrencyTests
{
    [Fact]
    public void The_table_holds_every_active_iso_currency_with_a_minor_unit_plus_two_stablecoins()
    {
        Assert.Equal(167, Currency.All.Count);
        Assert.Equal(165, Currency.All.Count(c => !c.IsStablecoin));
        Assert.Equal(["USDC", "USDT"], Currency.All.Where(c => c.IsStablecoin).Select(c => c.Code));
    }

    [Theory]
    [InlineData("JPY", 0)]
    [InlineData("KRW", 0)]
    [InlineData("ISK", 0)]
    [InlineData("XOF", 0)]
    [InlineData("UYI", 0)]
    [InlineData("USD", 2)]
    [InlineData("EUR", 2)]
    [InlineData("NGN", 2)]
    [InlineData("GBP", 2)]
    [InlineData("XCG", 2)]
    [InlineData("ZWG", 2)]
    [InlineData("XAD", 2)]
    [InlineData("KWD", 3)]
    [InlineData("BHD", 3)]
    [InlineData("TND", 3)]
    [InlineData("IQD", 3)]
    [InlineData("JOD", 3)]
    [InlineData("LYD", 3)]
    [InlineData("OMR", 3)]
    [InlineData("CLF", 4)]
    [InlineData("UYW", 4)]
    [InlineData("USDC", 6)]
    [InlineData("USDT", 6)]
    public void Each_currency_has_its_minor_unit_exponent(string code, int exponent) =>
        Assert.Equal(exponent, Currency.Find(code).Value.Exponent);

    [Theory]
    [InlineData("ANG")]
    [InlineData("CUC")]
    [InlineData("BGN")]
    [InlineData("HRK")]
    [InlineData("SLL")]
    [InlineData("ZWL")]
    public void Withdrawn_currencies_are_unknown(string code) =>
        Assert.Equal(ErrorCodes.CurrencyUnknown, Currency.Find(code).Error?.Code);

    [Theory]
    [InlineData("XAU")]
    [InlineData("XDR")]
    [InlineData("XTS")]
    [InlineData("XXX")]
    public void Codes_without_a_minor_unit_are_unknown_rather_than_given_a_guessed_scale(string code) =>
        Assert.Equal(ErrorCodes.CurrencyUnknown, Currency.Find(code).Error?.Code);

    [Theory]
    [InlineData("usd")]
    [InlineData("Usd")]
    [InlineData(" USD")]
    [InlineData("")]
    [InlineData(null)]
    public void Lookup_is_exact_on_the_uppercase_code(string? code)
    {
        var error = Currency.Find(code).Error;

        Assert.Equal(ErrorCodes.CurrencyUnknown, error?.Code);
        Assert.Contains($"'{code}'", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_currency_is_named_in_the_error()
    {
        var error = Currency.Find("FOO").Error!;

        Assert.Equal(ErrorCodes.CurrencyUnknown, error.Code);
        Assert.Contains("FOO", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Currencies_are_values()
    {
        Assert.Equal(Currency.Find("USD").Value, Currency.Find("USD").Value);
        Assert.NotEqual(Currencies.Usd, Currencies.Eur);
        Assert.Equal("USD", Currencies.Usd.ToString());
    }

    [Fact]
    public void The_table_is_ordered_by_code_and_has_no_duplicates()
    {
        var codes = Currency.All.Select(c => c.Code).ToList();

        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, code => Assert.Matches("^[A-Z]{3,4}$", code));
    }
}
