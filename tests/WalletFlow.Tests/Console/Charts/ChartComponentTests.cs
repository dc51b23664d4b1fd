using System.Globalization;
using Bunit;
using WalletFlow.Application.Overview;
using WalletFlow.Console.Components.Shared.Charts;
using WalletFlow.Domain.Money;

namespace WalletFlow.Tests.Console.Charts;

/// <summary>The Overview's SVG charts as components: what each draws is proportional to its figures.</summary>
public sealed class ChartComponentTests : IDisposable
{
    private static readonly DateTimeOffset First = new(2026, 12, 6, 11, 0, 0, TimeSpan.Zero);

    private readonly BunitContext _bunit = new();

    public void Dispose() => _bunit.Dispose();

    [Fact]
    public void Each_minute_s_column_is_as_tall_as_its_share_of_the_busiest_minute_and_says_its_count()
    {
        MinuteCount[] minutes = [new(First, 0), new(First.AddMinutes(1), 5), new(First.AddMinutes(2), 10)];

        var chart = _bunit.Render<MinuteColumns>(parameters => parameters.Add(chart => chart.Minutes, minutes).Add(chart => chart.Unit, "commands"));

        var heights = chart.FindAll("rect.chart-column").Select(column => double.Parse(column.GetAttribute("height")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([0, 60, 120], heights);
        Assert.Equal("11:01 UTC: 5 commands", chart.FindAll("rect.chart-column")[1].QuerySelector("title")?.TextContent);
        Assert.Equal("commands per minute over the last 3 minutes: 15 in all, at most 10 in one minute.", chart.Find("svg").GetAttribute("aria-label"));
    }

    [Fact]
    public void A_quiet_hour_draws_no_column_and_a_single_command_stays_visible()
    {
        MinuteCount[] minutes = [new(First, 0), new(First.AddMinutes(1), 1), new(First.AddMinutes(2), 1000)];

        var chart = _bunit.Render<MinuteColumns>(parameters => parameters.Add(chart => chart.Minutes, minutes).Add(chart => chart.Unit, "commands"));

        var heights = chart.FindAll("rect.chart-column").Select(column => double.Parse(column.GetAttribute("height")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(0, heights[0]);
        Assert.Equal(2, heights[1]);
    }

    [Fact]
    public void Ranked_bars_are_as_long_as_their_share_of_the_longest()
    {
        var bars = _bunit.Render<RankedBars>(parameters => parameters.Add(chart => chart.Items, [("INSUFFICIENT_FUNDS", 8L), ("CURRENCY_UNKNOWN", 2L)]));

        Assert.Equal(["100", "25"], bars.FindAll("rect.ranked-fill").Select(bar => bar.GetAttribute("width")));
        Assert.Equal(["INSUFFICIENT_FUNDS", "CURRENCY_UNKNOWN"], bars.FindAll("li").Select(bar => bar.GetAttribute("data-label")));
    }

    [Fact]
    public void A_currency_s_bar_splits_its_total_and_an_overdrawn_part_draws_nothing()
    {
        var usd = Currency.Find("USD").Value;
        CurrencyBalances[] balances = [new(usd, new Money(7_500, usd), new Money(2_500, usd), new Money(-100, usd))];

        var split = _bunit.Render<CurrencySplit>(parameters => parameters.Add(chart => chart.Balances, balances));

        Assert.Equal(["75.76", "25.25", "0"], split.FindAll(".currency-row rect").Select(part => part.GetAttribute("width")));
        Assert.Equal("99.00 USD", split.Find("[data-testid=currency-total]").TextContent);
    }
}
