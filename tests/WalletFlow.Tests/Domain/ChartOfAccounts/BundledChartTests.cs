using WalletFlow.Domain.Accounts;
using WalletFlow.Domain.ChartOfAccounts;
using WalletFlow.Domain.Errors;
using WalletFlow.Tests.Domain.Accounts;

namespace WalletFlow.Tests.Domain.ChartOfAccounts;

public sealed class BundledChartTests
{
    private static AccountChart Chart => AccountChart.Bundled;

    [Fact]
    public void The_bundled_chart_loads() =>
        Assert.NotEmpty(Chart.Accounts);

    [Theory]
    [InlineData(0, "9000")]
    [InlineData(1, "2010")]
    [InlineData(2, "2020")]
    [InlineData(3, "2030")]
    [InlineData(4, "1010")]
    [InlineData(5, "1020")]
    [InlineData(6, "3030")]
    [InlineData(7, "4010")]
    [InlineData(8, "1040")]
    [InlineData(9, "1030")]
    [InlineData(10, "3010")]
    [InlineData(11, "3020")]
    [InlineData(12, "5010")]
    [InlineData(13, "2090")]
    public void Every_kind_of_address_classifies_to_its_gl_code(int sample, string glCode)
    {
        var address = SampleAddresses.All[sample].Address;

        Assert.Equal(glCode, Chart.Classify(address).Value.Code);
        Assert.Equal(glCode, Chart.Classify(address.ToString()).Value.Code);
    }

    [Fact]
    public void Every_kind_of_address_is_covered_by_the_samples() =>
        Assert.Equal(
            typeof(AccountAddress).Assembly.GetTypes().Count(t => t.IsSubclassOf(typeof(AccountAddress))),
            SampleAddresses.All.Select(s => s.Address.GetType()).Distinct().Count());

    [Fact]
    public void World_classifies_as_the_outside()
    {
        var world = Chart.Classify("world").Value;

        Assert.Equal("External world", world.Name);
    }

    [Theory]
    [InlineData("users:123")]
    [InlineData("wallets:w1")]
    [InlineData("wallets:w1:pending")]
    [InlineData("pools:swift:USD")]
    [InlineData("equity:capital")]
    [InlineData("world:main")]
    public void An_address_that_matches_no_pattern_is_unclassified_not_defaulted(string address)
    {
        var error = Chart.Classify(address).Error;

        Assert.Equal(ErrorCodes.UnclassifiedAddress, error?.Code);
        Assert.Contains(address, error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("banks::USD")]
    [InlineData("fees:a b")]
    public void Text_that_is_not_an_address_is_an_invalid_address(string? address) =>
        Assert.Equal(ErrorCodes.InvalidAddress, Chart.Classify(address).Error?.Code);

    [Fact]
    public void Every_class_has_its_normal_balance() =>
        Assert.All(Chart.Accounts, account => Assert.Equal(AccountClasses.NormalBalanceOf(account.Class), account.NormalBalance));

    [Fact]
    public void Every_gl_line_is_reachable_from_some_address() =>
        Assert.Equal(
            Chart.Accounts.Select(a => a.Code).Order(StringComparer.Ordinal),
            Chart.Mappings.Select(m => m.Account.Code).Distinct().Order(StringComparer.Ordinal));

    [Fact]
    public void Every_event_type_has_its_gl_mapping() =>
        Assert.Equal(EventTypes.All.Order(StringComparer.Ordinal), Chart.Events.Select(e => e.EventType).Order(StringComparer.Ordinal));

    [Fact]
    public void No_event_names_the_world_line() =>
        Assert.All(Chart.Events, e => Assert.DoesNotContain(e.Debits.Concat(e.Credits), account => account.Code == "9000"));

    [Fact]
    public void An_unknown_event_type_is_not_found() =>
        Assert.Equal(ErrorCodes.NotFound, Chart.FindEvent("bonus").Error?.Code);

    [Fact]
    public void Payin_debits_cash_and_credits_the_wallets()
    {
        var payin = Chart.FindEvent(EventTypes.Payin).Value;

        Assert.Equal(["1010"], payin.Debits.Select(a => a.Code));
        Assert.Equal(["2010", "2090"], payin.Credits.Select(a => a.Code));
    }
}
