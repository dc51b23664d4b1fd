using WalletFlow.Domain.ChartOfAccounts;

namespace WalletFlow.Tests.Domain.ChartOfAccounts;

public sealed class AddressPatternTests
{
    private static AddressPattern Pattern(string text) => AddressPattern.Parse(text).Value;

    [Theory]
    [InlineData("wallets:*:available", "wallets:w1:available", true)]
    [InlineData("wallets:*:available", "wallets:w1:reserve", false)]
    [InlineData("wallets:*:available", "wallets:w1:available:x", false)]
    [InlineData("world", "world", true)]
    [InlineData("world", "worlds", false)]
    [InlineData("*", "anything", true)]
    [InlineData("*", "any:thing", false)]
    public void A_star_matches_exactly_one_segment(string pattern, string address, bool matches) =>
        Assert.Equal(matches, Pattern(pattern).Matches(address.Split(':')));

    [Theory]
    [InlineData("banks:*:*", "banks:gtbank:*", true, "banks:gtbank:x")]
    [InlineData("*:x", "y:*", true, "y:x")]
    [InlineData("fees:*", "fx:*", false, "")]
    [InlineData("fees:*", "fees:*:*", false, "")]
    public void Two_patterns_overlap_when_some_address_matches_both(string first, string second, bool overlaps, string example)
    {
        Assert.Equal(overlaps, Pattern(first).Overlaps(Pattern(second), out var found));
        Assert.Equal(example, found);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a::b")]
    [InlineData("a:b c")]
    [InlineData("a:**")]
    public void A_malformed_pattern_is_refused(string? text) =>
        Assert.False(AddressPattern.Parse(text).IsSuccess);
}
