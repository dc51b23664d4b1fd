using System.Net;
using WalletFlow.Application.Tenancy;

namespace WalletFlow.Tests.Application.Tenancy;

public sealed class IpRangeTests
{
    [Theory]
    [InlineData("203.0.113.0/24", "203.0.113.77", true)]
    [InlineData("203.0.113.0/24", "203.0.114.1", false)]
    [InlineData("203.0.113.7", "203.0.113.7", true)]
    [InlineData("203.0.113.7", "203.0.113.8", false)]
    [InlineData("0.0.0.0/0", "198.51.100.1", true)]
    [InlineData("10.0.0.0/8", "::ffff:10.1.2.3", true)]
    [InlineData("2001:db8::/32", "2001:db8:1234::1", true)]
    [InlineData("2001:db8::/32", "2001:db9::1", false)]
    [InlineData("::1/128", "::1", true)]
    [InlineData("::/0", "127.0.0.1", false)]
    [InlineData("0.0.0.0/0", "::1", false)]
    [InlineData("192.168.1.128/25", "192.168.1.200", true)]
    [InlineData("192.168.1.128/25", "192.168.1.127", false)]
    public void A_block_contains_exactly_the_addresses_of_its_family_under_its_mask(string block, string address, bool contained) =>
        Assert.Equal(contained, IpRange.Parse(block, "ipAllowlist").Value.Contains(IPAddress.Parse(address)));

    [Theory]
    [InlineData("10.0.0.1/8")]
    [InlineData("10.0.0.0/33")]
    [InlineData("2001:db8::1/32")]
    [InlineData("2001:db8::/129")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("10.0.0.0/ 8")]
    [InlineData("10")]
    [InlineData("010.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("fe80::1%eth0")]
    [InlineData("example.com")]
    [InlineData("")]
    public void What_is_not_a_network_s_first_address_and_a_valid_prefix_is_refused_with_its_code(string text)
    {
        var refused = IpRange.Parse(text, "ipAllowlist");

        Assert.False(refused.IsSuccess);
        Assert.Equal(("INVALID_CIDR", "ipAllowlist"), (refused.Error.Code, refused.Error.Field));
    }

    [Fact]
    public void A_list_names_every_bad_entry_and_keeps_each_block_once()
    {
        var refused = IpRange.ParseList("10.0.0.0/8, nonsense ,10.0.0.1/8", "ipAllowlist");
        var parsed = IpRange.ParseList(" 10.0.0.0/8,10.0.0.0/8 , 2001:db8::/32,", "ipAllowlist");

        Assert.Equal(2, refused.Error!.Details.Count);
        Assert.Equal(["10.0.0.0/8", "2001:db8::/32"], parsed.Value.Select(range => range.ToString()));
        Assert.Empty(IpRange.ParseList("", "ipAllowlist").Value);
    }
}
