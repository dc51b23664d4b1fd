using WalletFlow.Domain.Accounts;

namespace WalletFlow.Tests.Domain.Accounts;

public sealed class LedgerAddressGrammarTests
{
    [Theory]
    [InlineData("world")]
    [InlineData("a:b:c")]
    [InlineData("users:1234-abc_DEF")]
    [InlineData("-")]
    public void Letters_digits_dashes_and_underscores_in_colon_separated_segments_are_valid(string address) =>
        Assert.True(LedgerAddressGrammar.IsValid(address));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(":")]
    [InlineData("a:")]
    [InlineData("a::b")]
    [InlineData("a b")]
    [InlineData("a.b")]
    [InlineData("a/b")]
    [InlineData("é")]
    [InlineData("a:b\n")]
    public void Anything_else_is_not_an_address(string? address) =>
        Assert.False(LedgerAddressGrammar.IsValid(address));
}
