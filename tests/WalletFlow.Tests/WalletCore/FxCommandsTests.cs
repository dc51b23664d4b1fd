using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.WalletCore;

/// <summary>
/// FX quotes and deals through REST. Rates are appsettings.json's (USD:EUR 0.92, NGN:USD 0.000645, USD:NGN 1550)
/// plus a JPY/KWD pair set here for the exponents; quotes live 60 seconds, crossed with <see cref="AdjustableClock"/>.
/// </summary>
public sealed class FxCommandsTests(FxCommandsTests.Desk desk) : IClassFixture<FxCommandsTests.Desk>, IAsyncLifetime
{
    private const string Merchant = "acme";

    private readonly AdjustableClock _clock = desk.Clock;
    private WalletCoreHost _host = desk.Host;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _host.AssertInvariantsAsync();
        if (_host != desk.Host)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Quote_prices_100_USD_at_0_92_as_92_EUR_for_60_seconds_and_moves_nothing()
    {
        var usd = await _host.CreateWalletAsync("USD", Merchant);
        var eur = await _host.CreateWalletAsync("EUR", Merchant);
        var postings = await _host.LedgerTransactionCountAsync();
        var before = _clock.GetUtcNow();

        var quoted = await _host.PostAsync("/v1/fx/quotes", new { sellWalletId = usd, buyWalletId = eur, sellAmount = "100.00", sellCurrency = "USD" });

        Assert.Equal(HttpStatusCode.Created, quoted.Status);
        var quote = quoted.Data;
        Assert.StartsWith("fxq_", quote.GetProperty("quoteId").GetString(), StringComparison.Ordinal);
        Assert.Equal(usd, quote.GetProperty("sellWalletId").GetString());
        Assert.Equal(eur, quote.GetProperty("buyWalletId").GetString());
        Assert.Equal("100.00", quote.GetProperty("sellAmount").GetString());
        Assert.Equal("10000", quote.GetProperty("sellAmountMinor").GetString());
        Assert.Equal("USD", quote.GetProperty("sellCurrency").GetString());
        Assert.Equal("92.00", quote.GetProperty("buyAmount").GetString());
        Assert.Equal("9200", quote.GetProperty("buyAmountMinor").GetString());
        Assert.Equal("EUR", quote.GetProperty("buyCurrency").GetString());
        Assert.Equal("0.92", quote.GetProperty("rate").GetString());
        Assert.Equal(JsonValueKind.Null, quote.GetProperty("bookedByCommandId").ValueKind);
        var expiresAt = quote.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt - before, TimeSpan.FromSeconds(60) - TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(70));
        Assert.Equal(postings, await _host.LedgerTransactionCountAsync());

        var read = await _host.GetAsync($"/v1/fx/quotes/{quote.GetProperty("quoteId").GetString()}");
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal("92.00", read.Body.GetProperty("buyAmount").GetString());
        Assert.Equal("0.92", read.Body.GetProperty("rate").GetString());
        Assert.Equal(expiresAt, read.Body.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, read.Body.GetProperty("bookedByCommandId").ValueKind);
    }

    [Theory]
    [InlineData("JPY", "KWD", "10000", "20.500", "20500", "0.00205")]
    [InlineData("KWD", "JPY", "1.234", "601", "601", "487.5")]
    [InlineData("USD", "NGN", "0.01", "15.50", "1550", "1550")]
    [InlineData("NGN", "USD", "1549.99", "0.99", "99", "0.000645")]
    [InlineData("USD", "USDC", "100.00", "99.900000", "99900000", "0.999")]
    public async Task Quote_converts_between_minor_units_of_any_exponent_rounding_down(
        string sell, string buy, string sellAmount, string buyAmount, string buyMinor, string rate)
    {
        var seller = await _host.CreateWalletAsync(sell, Merchant);
        var buyer = await _host.CreateWalletAsync(buy, Merchant);

        var quoted = await _host.PostAsync("/v1/fx/quotes", new { sellWalletId = seller, buyWalletId = buyer, sellAmount, sellCurrency = sell });

        Assert.Equal(HttpStatusCode.Created, quoted.Status);
        Assert.Equal(buyAmount, quoted.Data.GetProperty("buyAmount").GetString());
        Assert.Equal(buyMinor, quoted.Data.GetProperty("buyAmountMinor").GetString());
        Assert.Equal(rate, quoted.Data.GetProperty("rate").GetString());
    }

    [Fact]
    public async Task Quote_between_two_merchants_is_refused_on_the_buy_wallet()
    {
        var usd = await _host.CreateWalletAsync("USD", Merchant);
        var eur = await _host.CreateWalletAsync("EUR", "globex");

        await AssertQuoteRefusedAsync(new { sellWalletId = usd, buyWalletId = eur, sellAmount = "10.00", sellCurrency = "USD" }, HttpStatusCode.BadRequest, "VALIDATION", "buyWalletId");
    }

    [Fact]
    public async Task Quote_between_two_wallets_of_one_currency_is_refused()
    {
        var first = await _host.CreateWalletAsync("USD", Merchant);
        var second = await _host.CreateWalletAsync("USD", Merchant);

        await AssertQuoteRefusedAsync(new { sellWalletId = first, buyWalletId = second, sellAmount = "10.00", sellCurrency = "USD" }, HttpStatusCode.BadRequest, "VALIDATION", "buyWalletId");
        await AssertQuoteRefusedAsync(new { sellWalletId = first, buyWalletId = first, sellAmount = "10.00", sellCurrency = "USD" }, HttpStatusCode.BadRequest, "VALIDATION", "buyWalletId");
    }

    [Fact]
    public async Task Quote_for_a_pair_the_desk_has_no_rate_for_is_refused()
    {
        var usd = await _host.CreateWalletAsync("USD", Merchant);
        var chf = await _host.CreateWalletAsync("CHF", Merchant);

        await AssertQuoteRefusedAsync(new { sellWalletId = usd, buyWalletId = chf, sellAmount = "10.00", sellCurrency = "USD" }, HttpStatusCode.UnprocessableEntity, "FX_RATE_UNAVAILABLE", null);
    }

    [Fact]
    public async Task Quote_that_buys_less_than_one_minor_unit_is_refused()
    {
        var ngn = await _host.CreateWalletAsync("NGN", Merchant);
        var usd = await _host.CreateWalletAsync("USD", Merchant);

        // 15.50 NGN at 0.000645 is 0.0099975 USD: below a cent.
        await AssertQuoteRefusedAsync(new { sellWalletId = ngn, buyWalletId = usd, sellAmount = "15.50", sellCurrency = "NGN" }, HttpStatusCode.BadRequest, "INVALID_AMOUNT", "sellAmount");
    }

    [Fact]
    public async Task Quote_whose_bought_amount_leaves_64_bits_is_refused_as_overflow()
    {
        var usd = await _host.CreateWalletAsync("USD", Merchant);
        var ngn = await _host.CreateWalletAsync("NGN", Merchant);

        await AssertQuoteRefusedAsync(new { sellWalletId = usd, buyWalletId = ngn, sellAmount = "90000000000000000.00", sellCurrency = "USD" }, HttpStatusCode.BadRequest, "AMOUNT_OVERFLOW", "sellAmount");
    }

    [Theory]
    [InlineData("0.00")]
    [InlineData("-1.00")]
    [InlineData("12.345")]
    public async Task Quote_of_an_amount_that_is_not_positive_at_the_sell_currency_scale_is_refused(string sellAmount)
    {
        var usd = await _host.CreateWalletAsync("USD", Merchant);
        var eur = await _host.CreateWalletAsync("EUR", Merchant);

        await AssertQuoteRefusedAsync(new { sellWalletId = usd, buyWalletId = eur, sellAmount, sellCurrency = "USD" }, HttpStatusCode.BadRequest, "INVALID_AMOUNT", "sellAmount");
    }

    [Fact]
    public async Task Quote_without_an_amount_or_with_a_malformed_wallet_id_is_refused_on_that_field()
    {
        var usd = await _host.CreateWalletAsync("USD", Merchant);
        var eur = await _host.CreateWalletAsync("EUR", Merchant);

        await AssertQuoteRefusedAsync(new { sellWalletId = usd, buyWalletId = eur, sellCurrency = "USD" }, HttpStatusCode.BadRequest, "INVALID_AMOUNT", "sellAmount");
        await AssertQuoteRefusedAsync(new { sellWalletId = usd, buyWalletId = eur, sellAmount = "1.00" }, HttpStatusCode.BadRequest, "CURRENCY_UNKNOWN", "sellCurrency");
        await AssertQuoteRefusedAsync(new { sellWalletId = usd, buyWalletId = eur, sellAmount = "1.00", sellCurrency = "EUR" }, HttpStatusCode.UnprocessableEntity, "CURRENCY_MISMATCH", "sellWalletId");
        await AssertQuoteRefusedAsync(new { sellWalletId = "wal_nope", buyWalletId = eur, sellAmount = "1.00", sellCurrency = "USD" }, HttpStatusCode.BadRequest, "INVALID_ID", "sellWalletId");
    }

    [Fact]
    public async Task Quote_naming_an_unknown_wallet_is_not_found()
    {
        var usd = await _host.CreateWalletAsync("USD", Merchant);
        var eur = await _host.CreateWalletAsync("EUR", Merchant);
        var unknown = NewWalletId();

        await AssertQuoteRefusedAsync(new { sellWalletId = unknown, buyWalletId = eur, sellAmount = "1.00", sellCurrency = "USD" }, HttpStatusCode.NotFound, "NOT_FOUND", "sellWalletId");
        await AssertQuoteRefusedAsync(new { sellWalletId = usd, buyWalletId = unknown, sellAmount = "1.00", sellCurrency = "USD" }, HttpStatusCode.NotFound, "NOT_FOUND", "buyWalletId");
    }

    [Fact]
    public async Task Quote_on_a_closed_wallet_is_refused()
    {
        var usd = await _host.CreateWalletAsync("USD", Merchant);
        var closed = await InsertClosedWalletAsync("EUR");

        await AssertQuoteRefusedAsync(new { sellWalletId = usd, buyWalletId = closed, sellAmount = "1.00", sellCurrency = "USD" }, HttpStatusCode.UnprocessableEntity, "WALLET_NOT_ACTIVE", "buyWalletId");
        await AssertQuoteRefusedAsync(new { sellWalletId = closed, buyWalletId = usd, sellAmount = "1.00", sellCurrency = "EUR" }, HttpStatusCode.UnprocessableEntity, "WALLET_NOT_ACTIVE", "sellWalletId");
    }

    [Fact]
    public async Task Reading_an_unknown_or_malformed_quote_is_refused()
    {
        (await _host.GetAsync($"/v1/fx/quotes/fxq_{Guid.CreateVersion7():N}")).AssertRejected(HttpStatusCode.NotFound, "NOT_FOUND");
        (await _host.GetAsync("/v1/fx/quotes/fxq_nope")).AssertRejected(HttpStatusCode.BadRequest, "INVALID_ID");
    }

    [Fact]
    public async Task Deal_moves_the_quoted_amounts_through_the_desk_and_marks_the_quote_booked()
    {
        var deskUsd = await _host.LedgerBalanceAsync("fx:USD", "USD/2");
        var deskEur = await _host.LedgerBalanceAsync("fx:EUR", "EUR/2");
        var (usd, eur, quoteId) = await QuotedAsync("100.00", deskEur: 500_00);

        var deal = await _host.PostAsync("/v1/fx/deals", new { quoteId });

        Assert.Equal(HttpStatusCode.Created, deal.Status);
        Assert.Equal(quoteId, deal.Data.GetProperty("quoteId").GetString());
        Assert.Equal("100.00", deal.Data.GetProperty("sellAmount").GetString());
        Assert.Equal("USD", deal.Data.GetProperty("sellCurrency").GetString());
        Assert.Equal("92.00", deal.Data.GetProperty("buyAmount").GetString());
        Assert.Equal("EUR", deal.Data.GetProperty("buyCurrency").GetString());
        Assert.Equal("0.92", deal.Data.GetProperty("rate").GetString());
        Assert.Equal("0.00", await _host.AvailableAsync(usd));
        Assert.Equal("92.00", await _host.AvailableAsync(eur));
        Assert.Equal(deskUsd + 100_00, await _host.LedgerBalanceAsync("fx:USD", "USD/2"));
        Assert.Equal(deskEur + 408_00, await _host.LedgerBalanceAsync("fx:EUR", "EUR/2"));
        var read = await _host.GetAsync($"/v1/fx/quotes/{quoteId}");
        Assert.Equal(deal.Body.GetProperty("commandId").GetString(), read.Body.GetProperty("bookedByCommandId").GetString());
    }

    [Fact]
    public async Task Deal_replayed_with_its_key_answers_the_first_receipt_and_posts_once()
    {
        var deskEur = await _host.LedgerBalanceAsync("fx:EUR", "EUR/2");
        var (usd, eur, quoteId) = await QuotedAsync("100.00", deskEur: 500_00);
        var key = _host.NewKey();

        var first = await _host.PostAsync("/v1/fx/deals", new { quoteId }, key);
        var postings = await _host.LedgerTransactionCountAsync();
        var again = await _host.PostAsync("/v1/fx/deals", new { quoteId }, key);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, again.Status);
        Assert.False(first.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(first.Body.GetProperty("commandId").GetString(), again.Body.GetProperty("commandId").GetString());
        Assert.Equal(postings, await _host.LedgerTransactionCountAsync());
        Assert.Equal("0.00", await _host.AvailableAsync(usd));
        Assert.Equal("92.00", await _host.AvailableAsync(eur));
        Assert.Equal(deskEur + 408_00, await _host.LedgerBalanceAsync("fx:EUR", "EUR/2"));
    }

    [Fact]
    public async Task Second_deal_on_a_booked_quote_is_refused_and_moves_nothing()
    {
        var (usd, eur, quoteId) = await QuotedAsync("40.00", deskEur: 500_00, payIn: "100.00");
        var first = await _host.PostAsync("/v1/fx/deals", new { quoteId });
        Assert.Equal(HttpStatusCode.Created, first.Status);
        var postings = await _host.LedgerTransactionCountAsync();

        var second = await _host.PostAsync("/v1/fx/deals", new { quoteId });

        second.AssertRejected(HttpStatusCode.Conflict, "FX_QUOTE_USED");
        Assert.Equal("quoteId", second.Field);
        Assert.Equal(postings, await _host.LedgerTransactionCountAsync());
        Assert.Equal("60.00", await _host.AvailableAsync(usd));
        Assert.Equal("36.80", await _host.AvailableAsync(eur));
    }

    [Fact]
    public async Task Two_deals_racing_for_one_quote_book_it_once()
    {
        var deskEur = await _host.LedgerBalanceAsync("fx:EUR", "EUR/2");
        var (usd, eur, quoteId) = await QuotedAsync("10.00", deskEur: 500_00, payIn: "100.00");

        var racers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => _host.PostAsync("/v1/fx/deals", new { quoteId })));

        Assert.Single(racers, deal => deal.Status == HttpStatusCode.Created);
        Assert.Single(racers, deal => deal.Status == HttpStatusCode.Conflict && deal.Code == "FX_QUOTE_USED");
        Assert.Equal("90.00", await _host.AvailableAsync(usd));
        Assert.Equal("9.20", await _host.AvailableAsync(eur));
        Assert.Equal(deskEur + 490_80, await _host.LedgerBalanceAsync("fx:EUR", "EUR/2"));
        var booked = racers.Single(deal => deal.Status == HttpStatusCode.Created).Body.GetProperty("commandId").GetString();
        Assert.Equal(booked, (await _host.GetAsync($"/v1/fx/quotes/{quoteId}")).Body.GetProperty("bookedByCommandId").GetString());
    }

    [Fact]
    public async Task Deal_books_until_the_last_second_and_is_refused_from_the_expiry_on()
    {
        var (usd, eur, lastSecond) = await QuotedAsync("10.00", deskEur: 500_00, payIn: "100.00");
        var expiring = await QuoteAsync(usd, eur, "10.00");

        _clock.Advance(TimeSpan.FromSeconds(59));
        var booked = await _host.PostAsync("/v1/fx/deals", new { quoteId = lastSecond });
        var expiresAt = (await _host.GetAsync($"/v1/fx/quotes/{expiring}")).Body.GetProperty("expiresAt").GetDateTimeOffset();
        _clock.Advance(expiresAt - _clock.GetUtcNow());
        var postings = await _host.LedgerTransactionCountAsync();
        var expired = await _host.PostAsync("/v1/fx/deals", new { quoteId = expiring });

        Assert.Equal(HttpStatusCode.Created, booked.Status);
        expired.AssertRejected(HttpStatusCode.UnprocessableEntity, "FX_QUOTE_EXPIRED");
        Assert.Equal("quoteId", expired.Field);
        Assert.Equal(postings, await _host.LedgerTransactionCountAsync());
        Assert.Equal("90.00", await _host.AvailableAsync(usd));
        Assert.Equal("9.20", await _host.AvailableAsync(eur));
        Assert.Equal(JsonValueKind.Null, (await _host.GetAsync($"/v1/fx/quotes/{expiring}")).Body.GetProperty("bookedByCommandId").ValueKind);
    }

    [Fact]
    public async Task Deal_the_desk_cannot_cover_is_refused_moves_nothing_and_leaves_the_quote_bookable()
    {
        // There is one EUR position of the desk, and earlier tests on the shared host funded it.
        await UseOwnHostAsync();
        var (usd, eur, quoteId) = await QuotedAsync("100.00", deskEur: 91_99);
        var postings = await _host.LedgerTransactionCountAsync();

        var refused = await _host.PostAsync("/v1/fx/deals", new { quoteId });

        refused.AssertRejected(HttpStatusCode.UnprocessableEntity, "INSUFFICIENT_FUNDS");
        Assert.Equal(postings, await _host.LedgerTransactionCountAsync());
        Assert.Equal("100.00", await _host.AvailableAsync(usd));
        Assert.Equal("0.00", await _host.AvailableAsync(eur));
        Assert.Equal(91_99, await _host.LedgerBalanceAsync("fx:EUR", "EUR/2"));
        Assert.Equal(JsonValueKind.Null, (await _host.GetAsync($"/v1/fx/quotes/{quoteId}")).Body.GetProperty("bookedByCommandId").ValueKind);

        await _host.FundAsync("banks:citi:EUR", "fx:EUR", 1, "EUR/2");
        Assert.Equal(HttpStatusCode.Created, (await _host.PostAsync("/v1/fx/deals", new { quoteId })).Status);
        Assert.Equal(0, await _host.LedgerBalanceAsync("fx:EUR", "EUR/2"));
    }

    [Fact]
    public async Task Deal_the_sell_wallet_cannot_cover_is_refused_and_moves_nothing()
    {
        var deskEur = await _host.LedgerBalanceAsync("fx:EUR", "EUR/2");
        var (usd, eur, quoteId) = await QuotedAsync("100.00", deskEur: 500_00, payIn: "99.99");
        var postings = await _host.LedgerTransactionCountAsync();

        var refused = await _host.PostAsync("/v1/fx/deals", new { quoteId });

        refused.AssertRejected(HttpStatusCode.UnprocessableEntity, "INSUFFICIENT_FUNDS");
        Assert.Equal(postings, await _host.LedgerTransactionCountAsync());
        Assert.Equal("99.99", await _host.AvailableAsync(usd));
        Assert.Equal("0.00", await _host.AvailableAsync(eur));
        Assert.Equal(deskEur + 500_00, await _host.LedgerBalanceAsync("fx:EUR", "EUR/2"));
    }

    [Fact]
    public async Task Deal_on_an_unknown_or_malformed_quote_is_refused()
    {
        var postings = await _host.LedgerTransactionCountAsync();

        var unknown = await _host.PostAsync("/v1/fx/deals", new { quoteId = $"fxq_{Guid.CreateVersion7():N}" });
        var malformed = await _host.PostAsync("/v1/fx/deals", new { quoteId = "quote-1" });

        unknown.AssertRejected(HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal("quoteId", unknown.Field);
        malformed.AssertRejected(HttpStatusCode.BadRequest, "INVALID_ID");
        Assert.Equal("quoteId", malformed.Field);
        Assert.Equal(postings, await _host.LedgerTransactionCountAsync());
    }

    [Fact]
    public async Task Deal_whose_wallet_was_closed_after_the_quote_is_refused()
    {
        var usd = await _host.CreateWalletAsync("USD", Merchant);
        await _host.PayInAsync(usd, "100.00");
        await _host.FundAsync("banks:citi:EUR", "fx:EUR", 500_00, "EUR/2");
        var closed = await InsertClosedWalletAsync("EUR");
        // The quote was issued while the wallet was open; it closed before the deal.
        var quoteId = $"fxq_{Guid.CreateVersion7():N}";
        await using (var insert = _host.Database.CreateCommand(
            "insert into core.fx_quotes (id, sell_wallet_id, buy_wallet_id, sell_amount, buy_amount, rate, expires_at, created_at) values ($1, $2, $3, 1000, 920, 0.92, $4, $5)"))
        {
            insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = quoteId });
            insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = usd });
            insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = closed });
            insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = _clock.GetUtcNow().AddMinutes(1) });
            insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = _clock.GetUtcNow() });
            await insert.ExecuteNonQueryAsync();
        }

        var postings = await _host.LedgerTransactionCountAsync();

        var refused = await _host.PostAsync("/v1/fx/deals", new { quoteId });

        refused.AssertRejected(HttpStatusCode.UnprocessableEntity, "WALLET_NOT_ACTIVE");
        Assert.Equal(postings, await _host.LedgerTransactionCountAsync());
        Assert.Equal("100.00", await _host.AvailableAsync(usd));
        Assert.Equal(JsonValueKind.Null, (await _host.GetAsync($"/v1/fx/quotes/{quoteId}")).Body.GetProperty("bookedByCommandId").ValueKind);
    }

    /// <summary>Runs the rest of the test on an API of its own (<see cref="SharedWalletCoreHost.StartOwnAsync"/>), which <see cref="DisposeAsync"/> checks and disposes.</summary>
    private async Task UseOwnHostAsync() => _host = await desk.StartOwnAsync(nameof(FxCommandsTests));

    /// <summary>A USD and a EUR wallet of the merchant, <paramref name="payIn"/> in the USD one, the desk's EUR funded, and a quote selling <paramref name="sellAmount"/> USD.</summary>
    private async Task<(string Usd, string Eur, string QuoteId)> QuotedAsync(string sellAmount, long deskEur, string payIn = "100.00")
    {
        var usd = await _host.CreateWalletAsync("USD", Merchant);
        var eur = await _host.CreateWalletAsync("EUR", Merchant);
        await _host.PayInAsync(usd, payIn);
        await _host.FundAsync("banks:citi:EUR", "fx:EUR", deskEur, "EUR/2");
        return (usd, eur, await QuoteAsync(usd, eur, sellAmount));
    }

    private async Task<string> QuoteAsync(string sellWalletId, string buyWalletId, string sellAmount)
    {
        var quoted = await _host.PostAsync("/v1/fx/quotes", new { sellWalletId, buyWalletId, sellAmount, sellCurrency = "USD" });
        Assert.Equal(HttpStatusCode.Created, quoted.Status);
        return quoted.Data.GetProperty("quoteId").GetString()!;
    }

    private async Task AssertQuoteRefusedAsync(object body, HttpStatusCode status, string code, string? field)
    {
        var quotes = await QuoteCountAsync();
        var postings = await _host.LedgerTransactionCountAsync();

        var refused = await _host.PostAsync("/v1/fx/quotes", body);

        refused.AssertRejected(status, code);
        Assert.Equal(field, refused.Field);
        Assert.Equal(quotes, await QuoteCountAsync());
        Assert.Equal(postings, await _host.LedgerTransactionCountAsync());
    }

    private async Task<long> QuoteCountAsync()
    {
        await using var command = _host.Database.CreateCommand("select count(*) from core.fx_quotes");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A closed wallet, written straight to the table: no command closes wallets yet, and the API has never read this one.</summary>
    private async Task<string> InsertClosedWalletAsync(string currency)
    {
        var id = NewWalletId();
        await using var command = _host.Database.CreateCommand("insert into core.wallets (id, merchant_id, currency, status, created_at) values ($1, $2, $3, 'closed', now())");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = id });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = Merchant });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = currency });
        await command.ExecuteNonQueryAsync();
        return id;
    }

    private static string NewWalletId() => string.Create(CultureInfo.InvariantCulture, $"wal_{Guid.CreateVersion7():N}");

    /// <summary>
    /// The class's API, with the JPY/KWD pair and the clock its tests move. The clock only moves forward and every test
    /// reads its times from it, so a test that crossed an expiry leaves the next ones a clock ahead of the wall, which
    /// none of them compares with.
    /// </summary>
    public sealed class Desk(PostgresFixture postgres) : SharedWalletCoreHost(postgres)
    {
        public AdjustableClock Clock { get; } = new();

        protected override IReadOnlyDictionary<string, string> Settings =>
            new Dictionary<string, string> { ["Fx:Rates:JPY:KWD"] = "0.00205", ["Fx:Rates:KWD:JPY"] = "487.5" };

        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
    }
}
