using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WalletFlow.Access.Credentials;
using WalletFlow.Api.Ledger;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Access;

/// <summary>
/// The hole this access model closes: an overdraft forced through the raw ledger surface. A funded wallet's available
/// account is forced 250.00 below what it holds, by callers with no credential, a wrong one, and the operator token
/// (an admin without the ledger:force right), with the surface read-only and read-write; none of it moves a cent.
/// </summary>
public sealed class LedgerSurfaceAccessTests(PostgresFixture postgres)
{
    private const string ForceToken = "break-glass-force-token";

    [Theory]
    [InlineData("read")]
    [InlineData("read-write")]
    public async Task A_forced_overdraft_of_a_wallet_through_the_ledger_surface_is_refused_to_every_caller_without_the_right(string mode)
    {
        await using var host = await StartAsync(mode);
        var wallet = await host.CreateWalletAsync();
        await host.PayInAsync(wallet, "100.00");
        var books = await Books.FingerprintAsync(host.Database);
        using var anonymous = host.Factory.CreateClient();
        using var wrong = host.Factory.CreateBearerClient("not-the-token");
        using var operatorToken = host.Factory.CreateBearerClient(WalletCoreHost.Token);

        var refusals = new[]
        {
            await ForceOverdraftAsync(anonymous, wallet),
            await ForceOverdraftAsync(wrong, wallet),
            await ForceOverdraftAsync(operatorToken, wallet),
        };

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden], refusals.Select(response => response.StatusCode));
        Assert.All(refusals, response => Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType));
        Assert.Equal("100.00", await host.AvailableAsync(wallet));
        Assert.Equal(books, await Books.FingerprintAsync(host.Database));
        await host.AssertInvariantsAsync();
    }

    [Fact]
    public async Task A_read_only_surface_names_the_setting_that_keeps_writes_off()
    {
        await using var host = await StartAsync("read");
        using var admin = host.Factory.CreateBearerClient(WalletCoreHost.Token);

        var refused = await CommandResponse.ReadAsync(await admin.PostAsync(
            new Uri("/api/ledger/v2/main/transactions", UriKind.Relative),
            Json("""{"postings":[{"source":"world","destination":"users:a","amount":1,"asset":"USD/2"}],"metadata":{}}"""),
            TestContext.Current.CancellationToken));

        refused.AssertRejected(HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.Contains(LedgerApiModes.SettingName, refused.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ledger_force_credential_may_force_and_its_use_is_logged()
    {
        var logs = new LogCapture();
        await using var host = await StartAsync("read-write", services => services.AddSingleton<ILoggerProvider>(logs));
        using var breakGlass = host.Factory.CreateBearerClient(ForceToken);

        var forced = await breakGlass.PostAsync(
            new Uri("/api/ledger/v2/main/transactions?force=true", UriKind.Relative),
            Json("""{"postings":[{"source":"users:short","destination":"users:long","amount":5,"asset":"USD/2"}],"metadata":{}}"""),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        var line = Assert.Single(logs.Lines, line => line.Message.StartsWith("Ledger force used", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Contains(BearerCredentials.LedgerForceTokenName, line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ForceToken, string.Join('\n', logs.Lines.Select(entry => entry.Message + entry.Exception)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_surface_is_not_served_at_all_when_it_is_off()
    {
        await using var host = await StartAsync("off");
        using var admin = host.Factory.CreateBearerClient(WalletCoreHost.Token);

        var read = await admin.GetAsync(new Uri("/api/ledger/v2/main/transactions", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task A_force_token_equal_to_the_operator_token_stops_the_host_at_start_up()
    {
        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(async () =>
        {
            await using var host = await WalletCoreHost.StartAsync(postgres, nameof(LedgerSurfaceAccessTests),
                new Dictionary<string, string> { [LedgerForceToken.SettingName] = WalletCoreHost.Token });
        });

        Assert.Contains(LedgerForceToken.SettingName, error.Message, StringComparison.Ordinal);
    }

    private Task<WalletCoreHost> StartAsync(string mode, Action<IServiceCollection>? services = null) =>
        WalletCoreHost.StartAsync(
            postgres,
            nameof(LedgerSurfaceAccessTests),
            new Dictionary<string, string> { [LedgerApiModes.SettingName] = mode, [LedgerForceToken.SettingName] = ForceToken },
            services);

    /// <summary>Moves 250.00 more than the wallet holds out of its available account, bypassing the funds check.</summary>
    private static async Task<HttpResponseMessage> ForceOverdraftAsync(HttpClient client, string wallet) =>
        await client.PostAsync(
            new Uri("/api/ledger/v2/main/transactions?force=true", UriKind.Relative),
            Json($$$"""{"postings":[{"source":"wallets:{{{wallet}}}:available","destination":"users:thief","amount":35000,"asset":"USD/2"}],"metadata":{}}"""),
            TestContext.Current.CancellationToken);

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
