using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Tests.Domain.Ids;

public sealed class SlugIdTests
{
    [Theory]
    [InlineData("gtbank")]
    [InlineData("jpmorgan-us")]
    [InlineData("bank_2")]
    [InlineData("a")]
    [InlineData("0")]
    [InlineData("first-bank_of-nigeria")]
    public void Lowercase_words_joined_by_single_dashes_or_underscores_are_valid(string text)
    {
        Assert.Equal(text, BankId.Parse(text).Value.ToString());
        Assert.Equal(text, CounterpartyId.Parse(text).Value.Value);
        Assert.Equal(text, MerchantId.Parse(text).Value.Value);
        Assert.Equal(text, FeeKind.Parse(text).Value.Value);
        Assert.Equal(text, NetworkId.Parse(text).Value.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("GTB")]
    [InlineData("gt bank")]
    [InlineData("-gtb")]
    [InlineData("gtb-")]
    [InlineData("gt--b")]
    [InlineData("gt_-b")]
    [InlineData("gtb:ng")]
    [InlineData("gtb.ng")]
    [InlineData("bänk")]
    [InlineData("gtb\n")]
    public void Anything_else_is_an_invalid_id(string? text)
    {
        var error = BankId.Parse(text).Error;

        Assert.Equal(ErrorCodes.InvalidId, error?.Code);
        Assert.Equal("bankId", error!.Field);
    }

    [Fact]
    public void A_slug_is_at_most_64_characters()
    {
        Assert.True(CounterpartyId.Parse(new string('a', 64)).IsSuccess);
        Assert.Equal(ErrorCodes.InvalidId, CounterpartyId.Parse(new string('a', 65)).Error?.Code);
    }

    [Fact]
    public void Ids_of_the_same_text_are_equal() =>
        Assert.Equal(BankId.Parse("gtbank").Value, BankId.Parse("gtbank").Value);
}
