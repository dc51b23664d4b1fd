using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Api.WalletCore;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Controls;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.WalletCore;

public sealed class FeatureFlagTests(PostgresFixture postgres) : IAsyncLifetime
{
    private WalletCoreHost? _host;

    // Each test starts its own host: some need fail_closed, which is read once at start-up.
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.AssertInvariantsAsync();
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Fail_open_with_no_flag_stored_lets_wallets_pay_ins_and_transfers_through()
    {
        var host = await StartAsync();
        var alice = await host.CreateWalletAsync();
        var bob = await host.CreateWalletAsync(merchant: "globex");
        await host.PayInAsync(alice, "50.00");

        var moved = await host.PostAsync("/v1/transfers", new { sourceWalletId = alice, destinationWalletId = bob, amount = "20.00", currency = "USD" });

        Assert.Equal(HttpStatusCode.Created, moved.Status);
        Assert.Equal("30.00", await host.AvailableAsync(alice));
        Assert.Equal("20.00", await host.AvailableAsync(bob));
        Assert.Empty(await ListFlagsAsync(host));
    }

    [Fact]
    public async Task Disabling_a_merchant_denies_its_pay_ins_and_transfers_while_another_merchant_transacts()
    {
        var host = await StartAsync();
        var acme = await host.CreateWalletAsync(merchant: "acme");
        var acme2 = await host.CreateWalletAsync(merchant: "acme");
        var globex = await host.CreateWalletAsync(merchant: "globex");
        var globex2 = await host.CreateWalletAsync(merchant: "globex");
        await host.PayInAsync(acme, "40.00");
        await host.PayInAsync(globex, "40.00");

        await SetFlagAsync(host, "merchant", "acme", enabled: false, reason: "fraud review");

        var payin = await AssertDeniedAsync(host, "/v1/payins", new { walletId = acme, bankId = "citi", amount = "5.00", currency = "USD" }, "merchant:acme");
        Assert.Contains("fraud review", payin.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertDeniedAsync(host, "/v1/transfers", new { sourceWalletId = acme, destinationWalletId = acme2, amount = "5.00", currency = "USD" }, "merchant:acme");
        await AssertDeniedAsync(host, "/v1/transfers", new { sourceWalletId = globex, destinationWalletId = acme, amount = "5.00", currency = "USD" }, "merchant:acme");
        await AssertDeniedAsync(host, "/v1/wallets", new { merchantId = "acme", currency = "USD" }, "merchant:acme");
        await host.PayInAsync(globex, "10.00");
        var allowed = await host.PostAsync("/v1/transfers", new { sourceWalletId = globex, destinationWalletId = globex2, amount = "15.00", currency = "USD" });

        Assert.Equal(HttpStatusCode.Created, allowed.Status);
        Assert.Equal("40.00", await host.AvailableAsync(acme));
        Assert.Equal("0.00", await host.AvailableAsync(acme2));
        Assert.Equal("35.00", await host.AvailableAsync(globex));
        Assert.Equal("15.00", await host.AvailableAsync(globex2));
        Assert.Equal(2, await WalletCoreSql.CountAsync(host.Database, "select count(*) from core.wallets where merchant_id = 'acme'"));
    }

    [Fact]
    public async Task Disabling_a_currency_denies_that_currency_only()
    {
        var host = await StartAsync();
        var euros = await host.CreateWalletAsync("EUR");
        var euros2 = await host.CreateWalletAsync("EUR");
        var dollars = await host.CreateWalletAsync("USD");
        await host.PayInAsync(euros, "30.00", "EUR");

        await SetFlagAsync(host, "currency", "EUR", enabled: false);

        await AssertDeniedAsync(host, "/v1/payins", new { walletId = euros, bankId = "citi", amount = "5.00", currency = "EUR" }, "currency:EUR");
        await AssertDeniedAsync(host, "/v1/transfers", new { sourceWalletId = euros, destinationWalletId = euros2, amount = "5.00", currency = "EUR" }, "currency:EUR");
        await host.PayInAsync(dollars, "12.00", "USD");
        Assert.Equal("30.00", await host.AvailableAsync(euros));
        Assert.Equal("0.00", await host.AvailableAsync(euros2));
        Assert.Equal("12.00", await host.AvailableAsync(dollars));
    }

    [Fact]
    public async Task Disabling_a_provider_denies_pay_ins_through_it_only()
    {
        var host = await StartAsync();
        var wallet = await host.CreateWalletAsync();

        await SetFlagAsync(host, "provider", "flutterwave", enabled: false);

        await AssertDeniedAsync(host, "/v1/payins", new { walletId = wallet, bankId = "citi", amount = "5.00", currency = "USD", provider = "flutterwave" }, "provider:flutterwave");
        Assert.Equal("0.00", await host.AvailableAsync(wallet));
        var other = await host.PostAsync("/v1/payins", new { walletId = wallet, bankId = "citi", amount = "7.00", currency = "USD", provider = "paystack" });
        Assert.Equal(HttpStatusCode.Created, other.Status);
        await host.PayInAsync(wallet, "1.00");
        Assert.Equal("8.00", await host.AvailableAsync(wallet));
    }

    [Fact]
    public async Task Disabling_global_denies_every_command_and_set_feature_flag_still_enables_it_again()
    {
        var host = await StartAsync();
        var alice = await host.CreateWalletAsync();
        var bob = await host.CreateWalletAsync(merchant: "globex");
        await host.PayInAsync(alice, "20.00");

        await SetFlagAsync(host, "global", null, enabled: false, reason: "incident");

        await AssertDeniedAsync(host, "/v1/wallets", new { merchantId = "acme", currency = "USD" }, "global:*");
        await AssertDeniedAsync(host, "/v1/payins", new { walletId = alice, bankId = "citi", amount = "5.00", currency = "USD" }, "global:*");
        await AssertDeniedAsync(host, "/v1/payins", new { bankId = "citi", amount = "5.00", currency = "USD" }, "global:*");
        await AssertDeniedAsync(host, "/v1/transfers", new { sourceWalletId = alice, destinationWalletId = bob, amount = "5.00", currency = "USD" }, "global:*");
        Assert.Equal("20.00", await host.AvailableAsync(alice));
        Assert.Equal("0.00", await host.AvailableAsync(bob));

        var enabled = await SetFlagAsync(host, "global", "*", enabled: true);
        Assert.True(enabled.Data.GetProperty("enabled").GetBoolean());
        var moved = await host.PostAsync("/v1/transfers", new { sourceWalletId = alice, destinationWalletId = bob, amount = "5.00", currency = "USD" });
        Assert.Equal(HttpStatusCode.Created, moved.Status);
        Assert.Equal("15.00", await host.AvailableAsync(alice));
        Assert.Equal("5.00", await host.AvailableAsync(bob));
    }

    [Fact]
    public async Task Fail_closed_denies_a_merchant_with_no_enabled_scope_and_allows_it_once_its_merchant_scope_is_enabled()
    {
        var host = await StartAsync("fail_closed");

        await AssertDeniedAsync(host, "/v1/wallets", new { merchantId = "acme", currency = "USD" }, "currency:USD");
        await AssertDeniedAsync(host, "/v1/payins", new { bankId = "citi", amount = "5.00", currency = "USD" }, "currency:USD");
        Assert.Equal(0, await WalletCoreSql.CountAsync(host.Database, "select count(*) from core.wallets"));
        Assert.Equal(0, await host.LedgerTransactionCountAsync("postPayin"));

        await SetFlagAsync(host, "merchant", "acme", enabled: true);

        var acme = await host.CreateWalletAsync(merchant: "acme");
        await host.PayInAsync(acme, "9.00");
        Assert.Equal("9.00", await host.AvailableAsync(acme));
        await AssertDeniedAsync(host, "/v1/wallets", new { merchantId = "globex", currency = "USD" }, "currency:USD");
        Assert.Equal(0, await WalletCoreSql.CountAsync(host.Database, "select count(*) from core.wallets where merchant_id = 'globex'"));
    }

    [Fact]
    public async Task Fail_closed_allows_every_merchant_once_global_is_enabled()
    {
        var host = await StartAsync("fail_closed");
        await AssertDeniedAsync(host, "/v1/wallets", new { merchantId = "globex", currency = "EUR" }, "currency:EUR");

        await SetFlagAsync(host, "global", "*", enabled: true);

        var globex = await host.CreateWalletAsync("EUR", "globex");
        await host.PayInAsync(globex, "3.00", "EUR");
        Assert.Equal("3.00", await host.AvailableAsync(globex));
    }

    [Fact]
    public async Task An_explicit_disable_wins_over_an_enable_of_another_scope()
    {
        var host = await StartAsync("fail_closed");
        await SetFlagAsync(host, "global", "*", enabled: true);
        await SetFlagAsync(host, "merchant", "acme", enabled: true);
        var dollars = await host.CreateWalletAsync("USD", "acme");
        var euros = await host.CreateWalletAsync("EUR", "acme");

        await SetFlagAsync(host, "currency", "USD", enabled: false);

        await AssertDeniedAsync(host, "/v1/payins", new { walletId = dollars, bankId = "citi", amount = "5.00", currency = "USD" }, "currency:USD");
        Assert.Equal("0.00", await host.AvailableAsync(dollars));
        await host.PayInAsync(euros, "5.00", "EUR");
        Assert.Equal("5.00", await host.AvailableAsync(euros));
    }

    [Fact]
    public async Task A_switch_flipped_through_one_API_denies_in_another_on_the_same_database_a_moment_later()
    {
        var host = await StartAsync();
        await using var beside = await host.StartBesideAsync();
        var acme = await host.CreateWalletAsync(merchant: "acme");
        var acme2 = await host.CreateWalletAsync(merchant: "acme");
        await host.PayInAsync(acme, "40.00");
        var allowed = await beside.PostAsync("/v1/transfers", new { sourceWalletId = acme, destinationWalletId = acme2, amount = "1.00", currency = "USD" });

        await SetFlagAsync(host, "merchant", "acme", enabled: false, reason: "fraud review");
        var flags = beside.Factory.Services.GetRequiredService<IFeatureFlagStore>();
        var waited = Stopwatch.StartNew();
        while ((await flags.ReadAsync(FeatureFlags.CoreWalletEnabled, [(FlagScopeType.Merchant, "acme")], CancellationToken.None)).Count == 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(5), "The other API still let acme transact 5 s after the switch.");
            await Task.Delay(5);
        }

        Assert.Equal(HttpStatusCode.Created, allowed.Status);
        await AssertDeniedAsync(beside, "/v1/transfers", new { sourceWalletId = acme, destinationWalletId = acme2, amount = "1.00", currency = "USD" }, "merchant:acme");
        Assert.Equal("39.00", await host.AvailableAsync(acme));
    }

    [Fact]
    public async Task Setting_a_flag_answers_its_value_lists_it_and_a_later_setting_overwrites_it()
    {
        var host = await StartAsync();
        var key = host.NewKey();
        var body = new { flag = FeatureFlags.CoreWalletEnabled, scopeType = "merchant", scopeValue = "acme", enabled = false, reason = "chargebacks" };

        var set = await host.PostAsync("/v1/feature-flags", body, key);
        var replay = await host.PostAsync("/v1/feature-flags", body, key);
        await SetFlagAsync(host, "merchant", "acme", enabled: true);

        Assert.Equal(HttpStatusCode.OK, set.Status);
        Assert.Equal("merchant", set.Data.GetProperty("scopeType").GetString());
        Assert.Equal("acme", set.Data.GetProperty("scopeValue").GetString());
        Assert.False(set.Data.GetProperty("enabled").GetBoolean());
        Assert.Equal("chargebacks", set.Data.GetProperty("reason").GetString());
        Assert.True(replay.Replayed);
        var flag = Assert.Single(await ListFlagsAsync(host));
        Assert.Equal(FeatureFlags.CoreWalletEnabled, flag.GetProperty("flag").GetString());
        Assert.Equal("acme", flag.GetProperty("scopeValue").GetString());
        Assert.True(flag.GetProperty("enabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, flag.GetProperty("reason").ValueKind);
    }

    [Theory]
    [InlineData("""{"flag":"payouts_enabled","scopeType":"global","enabled":false}""", "VALIDATION", "flag")]
    [InlineData("""{"scopeType":"global","enabled":false}""", "VALIDATION", "flag")]
    [InlineData("""{"flag":"core_wallet_enabled","scopeType":"country","scopeValue":"ng","enabled":false}""", "VALIDATION", "scopeType")]
    [InlineData("""{"flag":"core_wallet_enabled","scopeType":"global","scopeValue":"acme","enabled":false}""", "VALIDATION", "scopeValue")]
    [InlineData("""{"flag":"core_wallet_enabled","scopeType":"merchant","scopeValue":"Acme Corp","enabled":false}""", "INVALID_ID", "scopeValue")]
    [InlineData("""{"flag":"core_wallet_enabled","scopeType":"merchant","enabled":false}""", "INVALID_ID", "scopeValue")]
    [InlineData("""{"flag":"core_wallet_enabled","scopeType":"currency","scopeValue":"XYZ","enabled":false}""", "CURRENCY_UNKNOWN", "scopeValue")]
    [InlineData("""{"flag":"core_wallet_enabled","scopeType":"currency","scopeValue":"usd","enabled":false}""", "CURRENCY_UNKNOWN", "scopeValue")]
    [InlineData("""{"flag":"core_wallet_enabled","scopeType":"provider","scopeValue":"Flutter Wave","enabled":false}""", "VALIDATION", "scopeValue")]
    [InlineData("""{"flag":"core_wallet_enabled","scopeType":"provider","enabled":false}""", "VALIDATION", "scopeValue")]
    [InlineData("""{"flag":"core_wallet_enabled","scopeType":"provider","scopeValue":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","enabled":false}""", "VALIDATION", "scopeValue")]
    [InlineData("""{"flag":"core_wallet_enabled","scopeType":"global"}""", "VALIDATION", "enabled")]
    [InlineData("""{"flag":"core_wallet_enabled","scopeType":"global","enabled":null}""", "VALIDATION", "enabled")]
    public async Task Set_feature_flag_refuses_an_invalid_request_and_stores_nothing(string body, string code, string field)
    {
        var host = await StartAsync();
        var key = host.NewKey();

        var refused = await host.PostAsync("/v1/feature-flags", JsonNode.Parse(body)!, key);

        refused.AssertRejected(HttpStatusCode.BadRequest, code);
        Assert.Equal(field, refused.Field);
        Assert.Empty(await ListFlagsAsync(host));
        Assert.Equal(0, await WalletCoreSql.CommandRowsAsync(host.Database, key));
    }

    [Theory]
    [InlineData(WalletCoreOptions.FlagModeVariable, "closed", "fail_open (the default) or fail_closed")]
    [InlineData(WalletCoreOptions.FlagModeVariable, "FAIL_CLOSED", "fail_open (the default) or fail_closed")]
    [InlineData(WalletCoreOptions.CompletionGatingVariable, "true", "record (the default) or gate")]
    public void An_invalid_flag_setting_stops_the_start_with_a_message_naming_the_variable_and_its_values(string variable, string value, string allowed)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(variable, value)]).Build();

        var thrown = Assert.Throws<InvalidOperationException>(() => WalletCoreOptions.From(configuration));

        Assert.Equal($"{variable} is '{value}': it must be {allowed}.", thrown.Message);
    }

    [Fact]
    public void Flag_settings_default_to_fail_open_without_completion_gating_and_read_their_other_values()
    {
        var defaults = WalletCoreOptions.From(new ConfigurationBuilder().Build());
        var strict = WalletCoreOptions.From(new ConfigurationBuilder().AddInMemoryCollection(
            [new(WalletCoreOptions.FlagModeVariable, "fail_closed"), new(WalletCoreOptions.CompletionGatingVariable, "gate")]).Build());

        Assert.Equal(new FeatureFlagOptions(FlagMode.FailOpen, GateCompletions: false), defaults.Flags);
        Assert.Equal(new FeatureFlagOptions(FlagMode.FailClosed, GateCompletions: true), strict.Flags);
    }

    private async Task<WalletCoreHost> StartAsync(string mode = "fail_open")
    {
        _host = await WalletCoreHost.StartAsync(postgres, nameof(FeatureFlagTests), new Dictionary<string, string> { [WalletCoreOptions.FlagModeVariable] = mode });
        return _host;
    }

    private static async Task<CommandResponse> SetFlagAsync(WalletCoreHost host, string scopeType, string? scopeValue, bool enabled, string? reason = null)
    {
        var set = await host.PostAsync("/v1/feature-flags", new { flag = FeatureFlags.CoreWalletEnabled, scopeType, scopeValue, enabled, reason });
        Assert.True(set.Status == HttpStatusCode.OK, $"Setting the flag failed: {(int)set.Status} {set.Body}");
        return set;
    }

    /// <summary>A FLAG_DENIED for <paramref name="scope"/>, and the key left unused: a denied command leaves no row.</summary>
    private static async Task<CommandResponse> AssertDeniedAsync(WalletCoreHost host, string route, object body, string scope)
    {
        var key = host.NewKey();
        var denied = await host.PostAsync(route, body, key);
        denied.AssertRejected(HttpStatusCode.Forbidden, "FLAG_DENIED");
        Assert.Equal(scope, denied.Body.GetProperty("scope").GetString());
        Assert.Equal(0, await WalletCoreSql.CommandRowsAsync(host.Database, key));
        return denied;
    }

    private static async Task<List<JsonElement>> ListFlagsAsync(WalletCoreHost host)
    {
        var listed = await host.GetAsync("/v1/feature-flags");
        Assert.Equal(HttpStatusCode.OK, listed.Status);
        return [.. listed.Body.GetProperty("items").EnumerateArray()];
    }
}
