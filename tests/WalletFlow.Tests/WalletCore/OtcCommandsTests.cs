using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Fx;
using WalletFlow.Domain.Errors;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.WalletCore;

/// <summary>OTC counterparty trades through REST, with the desk and the counterparty balance funded straight in the ledger.</summary>
public sealed class OtcCommandsTests(SharedWalletCoreHost shared) : IClassFixture<SharedWalletCoreHost>, IAsyncLifetime
{
    /// <summary>A counterparty of this test's own, whose balance holds exactly what the test funded.</summary>
    private readonly string _counterparty = shared.Host.NewSlug("lp-one");

    private WalletCoreHost _host = shared.Host;

    private string CounterpartyAccount => $"counterparties:{_counterparty}";

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _host.AssertInvariantsAsync();
        if (_host != shared.Host)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Trade_moves_both_currencies_in_the_desk_and_the_counterparty_balance()
    {
        var deskUsd = await _host.LedgerBalanceAsync("fx:USD", "USD/2");
        var deskEur = await _host.LedgerBalanceAsync("fx:EUR", "EUR/2");
        await FundAsync("USD/2", desk: 1_000_00, counterparty: 1_000_00);

        var trade = await _host.PostAsync("/v1/otc/trades", Trade("100.00", "USD", "92.00", "EUR", reference: "deal-7"));

        Assert.Equal(HttpStatusCode.Created, trade.Status);
        Assert.Equal(_counterparty, trade.Data.GetProperty("counterpartyId").GetString());
        Assert.Equal("100.00", trade.Data.GetProperty("sellAmount").GetString());
        Assert.Equal("USD", trade.Data.GetProperty("sellCurrency").GetString());
        Assert.Equal("92.00", trade.Data.GetProperty("buyAmount").GetString());
        Assert.Equal("EUR", trade.Data.GetProperty("buyCurrency").GetString());
        Assert.Equal("deal-7", trade.Data.GetProperty("reference").GetString());
        Assert.Equal(deskUsd + 900_00, await _host.LedgerBalanceAsync("fx:USD", "USD/2"));
        Assert.Equal(900_00, await _host.LedgerBalanceAsync(CounterpartyAccount, "USD/2"));
        Assert.Equal(deskEur + 92_00, await _host.LedgerBalanceAsync("fx:EUR", "EUR/2"));
        Assert.Equal(92_00, await _host.LedgerBalanceAsync(CounterpartyAccount, "EUR/2"));
    }

    [Fact]
    public async Task Trade_between_currencies_of_different_exponents_posts_each_at_its_scale()
    {
        var deskJpy = await _host.LedgerBalanceAsync("fx:JPY", "JPY");
        var deskKwd = await _host.LedgerBalanceAsync("fx:KWD", "KWD/3");
        await FundAsync("JPY", desk: 10_000, counterparty: 10_000);

        var trade = await _host.PostAsync("/v1/otc/trades", Trade("1000", "JPY", "2.050", "KWD"));

        Assert.Equal(HttpStatusCode.Created, trade.Status);
        Assert.Equal(deskJpy + 9_000, await _host.LedgerBalanceAsync("fx:JPY", "JPY"));
        Assert.Equal(9_000, await _host.LedgerBalanceAsync(CounterpartyAccount, "JPY"));
        Assert.Equal(deskKwd + 2_050, await _host.LedgerBalanceAsync("fx:KWD", "KWD/3"));
        Assert.Equal(2_050, await _host.LedgerBalanceAsync(CounterpartyAccount, "KWD/3"));
    }

    [Fact]
    public async Task Trade_replayed_with_its_key_answers_the_first_receipt_and_posts_once()
    {
        var deskUsd = await _host.LedgerBalanceAsync("fx:USD", "USD/2");
        var deskEur = await _host.LedgerBalanceAsync("fx:EUR", "EUR/2");
        await FundAsync("USD/2", desk: 1_000_00, counterparty: 1_000_00);
        var key = _host.NewKey();

        var first = await _host.PostAsync("/v1/otc/trades", Trade("100.00", "USD", "92.00", "EUR"), key);
        var postings = await _host.LedgerTransactionCountAsync();
        var again = await _host.PostAsync("/v1/otc/trades", Trade("100.00", "USD", "92.00", "EUR"), key);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.True(again.Replayed);
        Assert.Equal(first.Body.GetProperty("commandId").GetString(), again.Body.GetProperty("commandId").GetString());
        Assert.Equal(postings, await _host.LedgerTransactionCountAsync());
        Assert.Equal(deskUsd + 900_00, await _host.LedgerBalanceAsync("fx:USD", "USD/2"));
        Assert.Equal(deskEur + 92_00, await _host.LedgerBalanceAsync("fx:EUR", "EUR/2"));
    }

    [Fact]
    public async Task Trade_the_desk_position_cannot_cover_is_refused_and_moves_nothing()
    {
        // There is one position of the desk per currency, and earlier tests on the shared host funded it.
        await UseOwnHostAsync();
        await FundAsync("USD/2", desk: 99_99, counterparty: 1_000_00);

        await AssertTradeRefusedAsync(Trade("100.00", "USD", "92.00", "EUR"), HttpStatusCode.UnprocessableEntity, "INSUFFICIENT_FUNDS", null);

        Assert.Equal(99_99, await _host.LedgerBalanceAsync("fx:USD", "USD/2"));
        Assert.Equal(1_000_00, await _host.LedgerBalanceAsync(CounterpartyAccount, "USD/2"));
        Assert.Equal(0, await _host.LedgerBalanceAsync("fx:EUR", "EUR/2"));
    }

    [Fact]
    public async Task Trade_the_counterparty_balance_cannot_cover_is_refused_and_moves_nothing()
    {
        var deskUsd = await _host.LedgerBalanceAsync("fx:USD", "USD/2");
        await FundAsync("USD/2", desk: 1_000_00, counterparty: 99_99);

        await AssertTradeRefusedAsync(Trade("100.00", "USD", "92.00", "EUR"), HttpStatusCode.UnprocessableEntity, "INSUFFICIENT_FUNDS", "counterpartyId");

        Assert.Equal(deskUsd + 1_000_00, await _host.LedgerBalanceAsync("fx:USD", "USD/2"));
        Assert.Equal(99_99, await _host.LedgerBalanceAsync(CounterpartyAccount, "USD/2"));
        Assert.Equal(0, await _host.LedgerBalanceAsync(CounterpartyAccount, "EUR/2"));
    }

    [Fact]
    public Task Trade_of_one_currency_for_itself_is_refused() =>
        AssertTradeRefusedAsync(Trade("100.00", "USD", "100.00", "USD"), HttpStatusCode.BadRequest, "VALIDATION", "buyCurrency");

    [Theory]
    [InlineData("0.00", "USD", "92.00", "EUR", "INVALID_AMOUNT", "sellAmount")]
    [InlineData("100.00", "USD", "0", "EUR", "INVALID_AMOUNT", "buyAmount")]
    [InlineData("100.001", "USD", "92.00", "EUR", "INVALID_AMOUNT", "sellAmount")]
    [InlineData("100.00", "XYZ", "92.00", "EUR", "CURRENCY_UNKNOWN", "sellCurrency")]
    [InlineData("100.00", "USD", "92.00", "eur", "CURRENCY_UNKNOWN", "buyCurrency")]
    public async Task Trade_with_an_invalid_amount_or_currency_is_refused_on_that_field(string sellAmount, string sellCurrency, string buyAmount, string buyCurrency, string code, string field)
    {
        await FundAsync("USD/2", desk: 1_000_00, counterparty: 1_000_00);

        await AssertTradeRefusedAsync(Trade(sellAmount, sellCurrency, buyAmount, buyCurrency), HttpStatusCode.BadRequest, code, field);
    }

    [Fact]
    public Task Trade_with_a_malformed_counterparty_is_refused() =>
        AssertTradeRefusedAsync(
            new { counterpartyId = "LP One", sellAmount = "1.00", sellCurrency = "USD", buyAmount = "0.92", buyCurrency = "EUR" },
            HttpStatusCode.BadRequest, "INVALID_ID", "counterpartyId");

    [Fact]
    public async Task Trade_is_refused_to_a_partner_caller()
    {
        // REST authenticates operators only until partner keys arrive, so the partner is put to the executor itself.
        await FundAsync("USD/2", desk: 1_000_00, counterparty: 1_000_00);
        var executor = _host.Factory.Services.GetRequiredService<CommandExecutor>();
        var postings = await _host.LedgerTransactionCountAsync();

        var refused = await executor.ExecuteAsync(
            BookCounterpartyTrade.Descriptor,
            new BookCounterpartyTradeRequest(_counterparty, "100.00", "USD", "92.00", "EUR", null),
            _host.NewKey(),
            new Caller("partner-1", CallerRoles.Partner, "partner-1"),
            TestContext.Current.CancellationToken);

        Assert.Equal(ErrorCodes.Forbidden, refused.Error?.Code);
        Assert.Equal(postings, await _host.LedgerTransactionCountAsync());
    }

    /// <summary>Runs the rest of the test on an API of its own (<see cref="SharedWalletCoreHost.StartOwnAsync"/>), which <see cref="DisposeAsync"/> checks and disposes.</summary>
    private async Task UseOwnHostAsync() => _host = await shared.StartOwnAsync(nameof(OtcCommandsTests));

    private object Trade(string sellAmount, string sellCurrency, string buyAmount, string buyCurrency, string? reference = null) =>
        new { counterpartyId = _counterparty, sellAmount, sellCurrency, buyAmount, buyCurrency, reference };

    /// <summary>The desk's position and the counterparty balance in the asset sold, each funded as a treasury wire would.</summary>
    private async Task FundAsync(string asset, long desk, long counterparty)
    {
        var code = asset.Split('/')[0];
        await _host.FundAsync($"banks:citi:{code}", $"fx:{code}", desk, asset);
        await _host.FundAsync(CounterpartyAccount, "equity:treasury", counterparty, asset);
    }

    private async Task AssertTradeRefusedAsync(object body, HttpStatusCode status, string code, string? field)
    {
        var postings = await _host.LedgerTransactionCountAsync();

        var refused = await _host.PostAsync("/v1/otc/trades", body);

        refused.AssertRejected(status, code);
        Assert.Equal(field, refused.Field);
        Assert.Equal(postings, await _host.LedgerTransactionCountAsync());
    }
}
