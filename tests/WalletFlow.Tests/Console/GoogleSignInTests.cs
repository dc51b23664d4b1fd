using System.Net;
using WalletFlow.Application.ConsoleAccess;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Console;

/// <summary>Sign in with Google end to end: a real browser-like client, the API on Kestrel, a fake Google on another port.</summary>
public sealed class GoogleSignInTests(PostgresFixture postgres)
{
    private const string Admin = "ada@example.com";
    private const string Operator = "otto@example.com";

    private static readonly Dictionary<string, string> Lists = new(ConsoleClient.TokenSettings)
    {
        ["OPS_ALLOWED_EMAILS"] = $"{Operator}, olga@example.com",
        ["OPS_ADMIN_EMAILS"] = Admin,
    };

    private static readonly AllowlistEditor TokenAdmin = new("operator token", SignedInEmail: null);

    [Fact]
    public async Task An_allowed_email_gets_a_twelve_hour_http_only_session_and_sees_the_console_whatever_its_case()
    {
        await using var console = await GoogleConsole.StartAsync(postgres, nameof(GoogleSignInTests), Lists);

        var (browser, landing) = await console.SignInAsync("Otto@Example.COM");

        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        Assert.Equal("/ops", GoogleBrowser.LandedOn(landing));
        var overview = await ConsoleClient.ParseAsync(landing);
        Assert.Equal("Overview · WalletFlow ops", overview.Title);
        Assert.Equal(Operator, overview.QuerySelector(".user-name")?.TextContent);
        var session = Assert.IsType<Cookie>(browser.Session);
        Assert.True(session.HttpOnly);
        Assert.InRange(session.Expires.ToUniversalTime() - DateTime.UtcNow, TimeSpan.FromHours(11.9), TimeSpan.FromHours(12.1));
        Assert.Equal(1, console.Google.Exchanges);
    }

    [Fact]
    public async Task Google_sign_in_returns_to_the_page_that_asked_for_a_session()
    {
        await using var console = await GoogleConsole.StartAsync(postgres, nameof(GoogleSignInTests), Lists);
        console.Google.Account = new GoogleAccount(Operator);
        using var browser = console.NewBrowser();

        var login = await browser.GetPageAsync("/ops/wallets");
        var landing = await browser.SubmitAsync(login, "[data-testid=google-sign-in-form]");

        Assert.Equal("/ops/wallets", GoogleBrowser.LandedOn(landing));
        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
    }

    [Theory]
    [InlineData(Admin, "/ops/settings", "/ops/settings")]
    [InlineData(Admin, "/ops/controls", "/ops/controls")]
    [InlineData(Operator, "/ops/settings", "/ops/denied")]
    [InlineData(Operator, "/ops/controls", "/ops/denied")]
    [InlineData(Operator, "/ops/ledger", "/ops/ledger")]
    public async Task Admins_open_controls_and_settings_and_operators_get_the_denied_page_there(string email, string path, string landsOn)
    {
        await using var console = await GoogleConsole.StartAsync(postgres, nameof(GoogleSignInTests), Lists);
        var (browser, _) = await console.SignInAsync(email);

        var response = await browser.Http.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(landsOn, GoogleBrowser.LandedOn(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_email_on_no_list_gets_no_session_and_a_message_on_the_login_page()
    {
        await using var console = await GoogleConsole.StartAsync(postgres, nameof(GoogleSignInTests), Lists);

        var (browser, landing) = await console.SignInAsync("mallory@example.com");

        Assert.Equal("/ops/login?google=EMAIL_NOT_ALLOWED", GoogleBrowser.LandedOn(landing));
        var login = await ConsoleClient.ParseAsync(landing);
        Assert.Equal("That Google account is not allowed into this console. Ask an admin to add its email on Settings.",
            login.QuerySelector("[data-testid=google-refused]")?.TextContent);
        Assert.Null(browser.Session);
        Assert.StartsWith("/ops/login", GoogleBrowser.LandedOn(await browser.Http.GetAsync("/ops", TestContext.Current.CancellationToken)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_allowed_email_that_google_has_not_verified_gets_no_session()
    {
        await using var console = await GoogleConsole.StartAsync(postgres, nameof(GoogleSignInTests), Lists);

        var (browser, landing) = await console.SignInAsync(Admin, verified: false);

        Assert.Equal("/ops/login?google=EMAIL_UNVERIFIED", GoogleBrowser.LandedOn(landing));
        Assert.Null(browser.Session);
    }

    [Fact]
    public async Task With_empty_lists_in_production_nobody_gets_in()
    {
        await using var console = await GoogleConsole.StartAsync(postgres, nameof(GoogleSignInTests), new Dictionary<string, string> { ["environment"] = "Production" });

        var (browser, landing) = await console.SignInAsync("anyone@example.com");

        Assert.Equal("/ops/login?google=EMAIL_NOT_ALLOWED", GoogleBrowser.LandedOn(landing));
        Assert.Null(browser.Session);
    }

    [Fact]
    public async Task With_empty_lists_in_development_anyone_gets_in_as_an_operator()
    {
        await using var console = await GoogleConsole.StartAsync(postgres, nameof(GoogleSignInTests), new Dictionary<string, string> { ["environment"] = "Development" });

        var (browser, landing) = await console.SignInAsync("anyone@example.com");
        var settings = await browser.Http.GetAsync("/ops/settings", TestContext.Current.CancellationToken);

        Assert.Equal("/ops", GoogleBrowser.LandedOn(landing));
        Assert.NotNull(browser.Session);
        Assert.StartsWith("/ops/denied", GoogleBrowser.LandedOn(settings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tightening_the_lists_in_another_process_locks_a_google_session_out_once_the_cache_expires()
    {
        await using var console = await GoogleConsole.StartAsync(postgres, nameof(GoogleSignInTests), Lists);
        console.Clock.Freeze();
        var (browser, _) = await console.SignInAsync(Operator);
        Assert.Equal("/ops", GoogleBrowser.LandedOn(await browser.Http.GetAsync("/ops", TestContext.Current.CancellationToken)));

        Assert.True((await console.AnotherProcessAllowlist().SaveAsync(["olga@example.com"], [Admin], TokenAdmin, TestContext.Current.CancellationToken)).IsSuccess);
        var withinTheCache = await browser.Http.GetAsync("/ops", TestContext.Current.CancellationToken);
        console.Clock.Advance(ConsoleAllowlist.CacheLifetime + TimeSpan.FromSeconds(1));
        var afterIt = await browser.Http.GetAsync("/ops", TestContext.Current.CancellationToken);

        Assert.Equal("/ops", GoogleBrowser.LandedOn(withinTheCache));
        Assert.StartsWith("/ops/login", GoogleBrowser.LandedOn(afterIt), StringComparison.Ordinal);
        Assert.Null(browser.Session);
    }

    [Fact]
    public async Task Demoting_an_admin_takes_the_admin_pages_away_on_the_next_request()
    {
        await using var console = await GoogleConsole.StartAsync(postgres, nameof(GoogleSignInTests), Lists);
        var (browser, _) = await console.SignInAsync(Admin);
        Assert.Equal("/ops/settings", GoogleBrowser.LandedOn(await browser.Http.GetAsync("/ops/settings", TestContext.Current.CancellationToken)));

        Assert.True((await console.Allowlist.SaveAsync([Admin, Operator], [], TokenAdmin, TestContext.Current.CancellationToken)).IsSuccess);
        var settings = await browser.Http.GetAsync("/ops/settings", TestContext.Current.CancellationToken);
        var overview = await browser.Http.GetAsync("/ops", TestContext.Current.CancellationToken);

        Assert.StartsWith("/ops/denied", GoogleBrowser.LandedOn(settings), StringComparison.Ordinal);
        Assert.Equal("/ops", GoogleBrowser.LandedOn(overview));
        Assert.EndsWith("operator", (await ConsoleClient.ParseAsync(overview)).QuerySelector(".user-menu-who")?.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_callback_that_did_not_come_from_a_started_sign_in_lands_on_the_login_page_without_a_session()
    {
        await using var console = await GoogleConsole.StartAsync(postgres, nameof(GoogleSignInTests), Lists);
        using var browser = console.NewBrowser();

        var response = await browser.Http.GetAsync("/ops/signin-google?code=stolen&state=forged", TestContext.Current.CancellationToken);

        Assert.Equal("/ops/login?google=GOOGLE_SIGN_IN_FAILED", GoogleBrowser.LandedOn(response));
        Assert.Equal("Sign in with Google did not complete. Try again.", (await ConsoleClient.ParseAsync(response)).QuerySelector("[data-testid=google-refused]")?.TextContent);
        Assert.Null(browser.Session);
        Assert.Equal(0, console.Google.Exchanges);
    }

    [Fact]
    public async Task Starting_google_sign_in_without_the_forms_anti_forgery_token_is_rejected()
    {
        await using var console = await GoogleConsole.StartAsync(postgres, nameof(GoogleSignInTests), Lists);
        using var browser = console.NewBrowser();

        var response = await browser.Http.PostAsync("/ops/auth/google", new FormUrlEncodedContent(new Dictionary<string, string>()), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task With_both_configured_the_login_page_offers_the_token_and_google_and_the_token_session_stays_admin()
    {
        await using var console = await GoogleConsole.StartAsync(postgres, nameof(GoogleSignInTests), Lists);
        using var browser = console.NewBrowser();

        var login = await browser.GetPageAsync("/ops/login");
        Assert.NotNull(login.QuerySelector("[data-testid=google-sign-in-form]"));
        var landing = await browser.SubmitAsync(login, "[data-testid=sign-in-form]", new Dictionary<string, string> { ["token"] = ConsoleClient.Token });
        var settings = await browser.Http.GetAsync("/ops/settings", TestContext.Current.CancellationToken);

        Assert.Equal("/ops", GoogleBrowser.LandedOn(landing));
        Assert.Equal("/ops/settings", GoogleBrowser.LandedOn(settings));
    }

    [Fact]
    public async Task Without_a_google_client_the_login_page_offers_no_google_button_and_the_google_routes_do_not_exist()
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(GoogleSignInTests), ConsoleClient.TokenSettings);
        var console = new ConsoleClient(api);

        var login = await console.GetPageAsync("/ops/login");
        var start = await console.Http.PostAsync("/ops/auth/google", new FormUrlEncodedContent(new Dictionary<string, string>()), TestContext.Current.CancellationToken);
        var callback = await console.Http.GetAsync("/ops/signin-google?code=a&state=b", TestContext.Current.CancellationToken);

        Assert.Null(login.QuerySelector("[data-testid=google-sign-in-form]"));
        Assert.NotNull(login.QuerySelector("[data-testid=sign-in-form]"));
        Assert.Equal(HttpStatusCode.NotFound, start.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, callback.StatusCode);
    }

    [Fact]
    public async Task Google_alone_without_a_token_starts_in_production_and_offers_only_google()
    {
        await using var console = await GoogleConsole.StartAsync(postgres, nameof(GoogleSignInTests),
            new Dictionary<string, string> { ["environment"] = "Production", ["OPS_ADMIN_EMAILS"] = Admin });
        using var browser = console.NewBrowser();

        var login = await browser.GetPageAsync("/ops/login");
        var (admin, landing) = await console.SignInAsync(Admin);

        Assert.Null(login.QuerySelector("[data-testid=sign-in-form]"));
        Assert.NotNull(login.QuerySelector("[data-testid=google-sign-in-form]"));
        Assert.Equal("/ops", GoogleBrowser.LandedOn(landing));
        Assert.NotNull(admin.Session);
    }
}
