using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Ledger;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Reporting;

/// <summary>
/// The trial balance and the ALM view over REST: per currency and GL line, on the right side, footed; at a point in
/// time by effective or by insertion date; as CSV; and every malformed query refused with the field it names.
/// </summary>
public sealed class TrialBalanceTests(PostgresFixture postgres) : IAsyncLifetime
{
    private WalletCoreHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await WalletCoreHost.StartAsync(postgres, nameof(TrialBalanceTests));

    public async ValueTask DisposeAsync()
    {
        await _host.AssertInvariantsAsync();
        await _host.DisposeAsync();
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_trial_balance_puts_each_gl_line_on_its_side_and_foots_per_currency()
    {
        var wallet = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, "100.00");
        await _host.PostAsync("/v1/payouts", new { walletId = wallet, amount = "30.00", currency = "USD", provider = "wise", bankId = "citi" });
        var euros = await _host.CreateWalletAsync("EUR");
        await _host.PayInAsync(euros, "7.25", "EUR");

        var usd = Currency(await TrialBalanceAsync(string.Empty), "USD");

        Assert.Equal(
            ["1010 asset 100.00/0.00 (1)", "2010 liability 0.00/70.00 (1)", "2020 liability 0.00/30.00 (1)"],
            usd.GetProperty("glLines").EnumerateArray().Select(Line));
        Assert.Equal(("100.00", "100.00", true), (usd.GetProperty("totalDebit").GetString(), usd.GetProperty("totalCredit").GetString(), usd.GetProperty("foots").GetBoolean()));
        Assert.Equal("9000 equity 200.00/0.00 (1)", Line(usd.GetProperty("memorandum")));
        Assert.Equal("7.25", Currency(await TrialBalanceAsync("?currency=EUR"), "EUR").GetProperty("totalCredit").GetString());
        Assert.Single((await TrialBalanceAsync("?currency=EUR")).GetProperty("currencies").EnumerateArray());
    }

    [Fact]
    public async Task A_back_dated_transaction_counts_at_its_effective_date_but_not_before_its_insertion()
    {
        var ledger = _host.Factory.Services.GetRequiredService<ILedger>();
        var before = DateTimeOffset.UtcNow;
        await ledger.PostAsync("main", TransactionRequest.FromPostings(new Posting("world", "banks:citi:USD", 500, "USD/2"), new Posting("world", "equity:treasury", 500, "USD/2")) with { Timestamp = before.AddDays(-3) }, Cancel);
        var twoDaysAgo = Uri.EscapeDataString(before.AddDays(-2).ToString("O"));

        var byEffective = await TrialBalanceAsync($"?at={twoDaysAgo}");
        var byInsertion = await TrialBalanceAsync($"?at={twoDaysAgo}&basis=insertion");
        var byInsertionNow = await TrialBalanceAsync($"?at={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"))}&basis=insertion");

        Assert.Equal("5.00", Currency(byEffective, "USD").GetProperty("totalDebit").GetString());
        Assert.Equal("effective", byEffective.GetProperty("basis").GetString());
        Assert.Empty(byInsertion.GetProperty("currencies").EnumerateArray());
        Assert.Equal("5.00", Currency(byInsertionNow, "USD").GetProperty("totalCredit").GetString());
    }

    [Fact]
    public async Task The_trial_balance_exports_as_csv_with_its_totals_and_memorandum_line()
    {
        var wallet = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, "12.50");

        using var response = await _host.Client.GetAsync(new Uri("/v1/reports/trial-balance.csv", UriKind.Relative), Cancel);
        var csv = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            """
            currency,gl_code,name,class,accounts,debit,credit
            USD,1010,Cash at banks,asset,1,12.50,0.00
            USD,2010,Customer wallets - available,liability,1,0.00,12.50
            USD,total,Totals (foot),,,12.50,12.50
            USD,9000,External world (memorandum),equity,1,25.00,0.00

            """.ReplaceLineEndings("\r\n"),
            csv);
    }

    [Fact]
    public async Task The_alm_view_sets_assets_against_liabilities_with_the_gap_and_coverage()
    {
        var wallet = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, "80.00");
        var ledger = _host.Factory.Services.GetRequiredService<ILedger>();
        await ledger.PostAsync("main", TransactionRequest.FromPostings(new Posting("world", "banks:citi:USD", 2000, "USD/2"), new Posting("world", "equity:treasury", 2000, "USD/2")), Cancel);

        var alm = await _host.GetAsync("/v1/reports/alm");
        var usd = Assert.Single(alm.Body.GetProperty("currencies").EnumerateArray());

        Assert.Equal(HttpStatusCode.OK, alm.Status);
        Assert.Equal(("100.00", "80.00", "20.00", "125.00%"), (usd.GetProperty("totalAssets").GetString(), usd.GetProperty("totalLiabilities").GetString(), usd.GetProperty("gap").GetString(), usd.GetProperty("coverage").GetString()));
        Assert.Equal("1010 Cash at banks 100.00", Assert.Single(usd.GetProperty("assets").EnumerateArray().Select(line => $"{line.GetProperty("glCode")} {line.GetProperty("name")} {line.GetProperty("total")}")));
    }

    [Theory]
    [InlineData("/v1/reports/trial-balance?at=yesterday", "at")]
    [InlineData("/v1/reports/trial-balance?basis=posted", "basis")]
    [InlineData("/v1/reports/trial-balance?currency=XYZ", "currency")]
    [InlineData("/v1/reports/trial-balance.csv?basis=posted", "basis")]
    [InlineData("/v1/reports/alm?at=2026-13-01", "at")]
    public async Task A_malformed_report_query_is_refused_naming_its_field(string route, string field)
    {
        var refused = await _host.GetAsync(route);

        refused.AssertRejected(HttpStatusCode.BadRequest, refused.Code!);
        Assert.Contains(refused.Code, new[] { "VALIDATION", "CURRENCY_UNKNOWN" });
        Assert.Equal(field, refused.Field);
    }

    private async Task<JsonElement> TrialBalanceAsync(string query)
    {
        var response = await _host.GetAsync($"/v1/reports/trial-balance{query}");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Body;
    }

    private static JsonElement Currency(JsonElement trialBalance, string code) =>
        trialBalance.GetProperty("currencies").EnumerateArray().Single(currency => currency.GetProperty("currency").GetString() == code);

    private static string Line(JsonElement line) =>
        $"{line.GetProperty("glCode")} {line.GetProperty("accountClass")} {line.GetProperty("debit")}/{line.GetProperty("credit")} ({line.GetProperty("accounts")})";
}
