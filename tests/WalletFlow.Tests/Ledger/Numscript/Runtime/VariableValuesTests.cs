using System.Numerics;
using WalletFlow.Ledger.Numscript;
using WalletFlow.Ledger.Numscript.Runtime;

namespace WalletFlow.Tests.Ledger.Numscript.Runtime;

public sealed class VariableValuesTests
{
    private static Value Parses(NumscriptType type, string raw)
    {
        Assert.True(VariableValues.TryParse(type, raw, out var value, out var reason), reason);
        return value;
    }

    private static string Rejects(NumscriptType type, string raw)
    {
        Assert.False(VariableValues.TryParse(type, raw, out _, out var reason));
        return reason;
    }

    [Theory]
    [InlineData("USD/2 100", "USD/2", 100)]
    [InlineData("JPY 5", "JPY", 5)]
    [InlineData("USDC/6 -3", "USDC/6", -3)]
    [InlineData("EUR_SPECIAL/2 +7", "EUR_SPECIAL/2", 7)]
    public void Monetary_is_an_asset_and_an_amount_separated_by_one_space(string raw, string asset, long amount)
    {
        var value = Parses(NumscriptType.Monetary, raw);
        Assert.Equal((asset, new BigInteger(amount)), (value.Text, value.Integer));
    }

    [Theory]
    [InlineData("USD/2  100")]
    [InlineData("USD/2")]
    [InlineData(" USD/2 100")]
    [InlineData("usd/2 100")]
    [InlineData("USD/2 1.5")]
    [InlineData("USD/2 1_000")]
    [InlineData("USD/1234567 1")]
    public void Malformed_monetaries_are_rejected(string raw) => Assert.NotEmpty(Rejects(NumscriptType.Monetary, raw));

    [Theory]
    [InlineData("10%", 1, 10)]
    [InlineData("12.5%", 1, 8)]
    [InlineData("0%", 0, 1)]
    [InlineData("100%", 1, 1)]
    [InlineData("1/3", 1, 3)]
    [InlineData("2 / 4", 1, 2)]
    public void Portions_are_percentages_or_fractions(string raw, long numerator, long denominator)
    {
        var portion = Parses(NumscriptType.Portion, raw).Portion;
        Assert.Equal((new BigInteger(numerator), new BigInteger(denominator)), (portion.Numerator, portion.Denominator));
    }

    [Theory]
    [InlineData("101%", "between 0% and 100%")]
    [InlineData("4/3", "between 0% and 100%")]
    [InlineData("1/0", "zero denominator")]
    [InlineData("0.5", "percentage")]
    [InlineData("1  /  3", "percentage")]
    [InlineData("-1/3", "percentage")]
    [InlineData("not a portion", "percentage")]
    public void Bad_portions_say_why(string raw, string reason) =>
        Assert.Contains(reason, Rejects(NumscriptType.Portion, raw), StringComparison.Ordinal);

    [Theory]
    [InlineData("42", 42)]
    [InlineData("-42", -42)]
    [InlineData("+42", 42)]
    public void Numbers_take_an_optional_sign(string raw, long number) =>
        Assert.Equal(new BigInteger(number), Parses(NumscriptType.Number, raw).Integer);

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(" 42")]
    [InlineData("1_000")]
    [InlineData("4.2")]
    public void Malformed_numbers_are_rejected(string raw) => Assert.NotEmpty(Rejects(NumscriptType.Number, raw));

    [Theory]
    [InlineData("users:1", true)]
    [InlineData("a-b:c_d", true)]
    [InlineData("@users:1", false)]
    [InlineData("users::1", false)]
    [InlineData("users:", false)]
    [InlineData("us ers", false)]
    [InlineData("", false)]
    public void Accounts_are_ledger_addresses_without_at(string raw, bool valid) =>
        Assert.Equal(valid, VariableValues.TryParse(NumscriptType.Account, raw, out _, out _));

    [Theory]
    [InlineData("USD/2", true)]
    [InlineData("JPY", true)]
    [InlineData("USDC/6", true)]
    [InlineData("usd", false)]
    [InlineData("USD/", false)]
    [InlineData("ABCDEFGHIJKLMNOPQR", false)]
    public void Assets_follow_the_ledger_notation(string raw, bool valid) =>
        Assert.Equal(valid, VariableValues.TryParse(NumscriptType.Asset, raw, out _, out _));

    [Fact]
    public void Strings_are_taken_as_they_are() => Assert.Equal(" any text ", Parses(NumscriptType.String, " any text ").Text);
}
