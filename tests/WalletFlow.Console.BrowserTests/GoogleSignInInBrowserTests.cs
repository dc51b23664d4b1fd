using Microsoft.Playwright;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Console.BrowserTests;

/// <summary>Sign in with Google in a real browser, sent to a fake Google on another loopback port and back.</summary>
public sealed class GoogleSignInInBrowserTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string Operator = "night-shift@example.com";
    private const string SignInTitle = "Sign in · WalletFlow ops";

    private FakeGoogle _google = null!;
    private ConsoleHost _host = null!;
    private BrowserSession _browser = null!;

    public async ValueTask InitializeAsync()
    {
        _google = await FakeGoogle.StartAsync();
        var settings = new Dictionary<string, string>(FakeGoogle.Settings) { ["OPS_ALLOWED_EMAILS"] = Operator };
        _host = new ConsoleHost(await postgres.CreateDatabaseAsync(nameof(GoogleSignInInBrowserTests)), settings, _google.Configure);
        _host.Start();
        _browser = await BrowserSession.LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _host.DisposeAsync();
        await _google.DisposeAsync();
    }

    [Fact]
    public async Task An_allowed_Google_account_signs_in_as_an_operator_and_is_locked_out_once_an_admin_removes_it_even_from_a_live_overview()
    {
        _google.Account = new GoogleAccount(Operator);
        var operatorPage = await NewPageAsync();
        await operatorPage.GotoAsync("/ops/login");
        await ComponentsReadyAsync(operatorPage);
        Directory.CreateDirectory(RepositoryFolders.Screenshots);
        await operatorPage.ScreenshotAsync(new() { Path = Path.Combine(RepositoryFolders.Screenshots, "login-google-dark.png") });
        await operatorPage.ClickAsync("[data-testid=google-sign-in]");
        await Assertions.Expect(operatorPage).ToHaveTitleAsync("Overview · WalletFlow ops");
        await Assertions.Expect(operatorPage.Locator("body")).ToContainTextAsync(Operator);
        await operatorPage.GotoAsync("/ops/controls");
        await Assertions.Expect(operatorPage).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/ops/denied"));
        // A live Overview in another tab: its circuit makes no request that the lists could refuse.
        var liveOverview = await operatorPage.Context.NewPageAsync();
        await liveOverview.RunAndWaitForWebSocketAsync(() => liveOverview.GotoAsync("/ops"));

        var admin = await NewPageAsync();
        await admin.GotoAsync("/ops/login");
        await ComponentsReadyAsync(admin);
        await admin.FillAsync("[data-testid=token] input", ConsoleHost.Token);
        await admin.ClickAsync("[data-testid=sign-in]");
        await Assertions.Expect(admin).ToHaveTitleAsync("Overview · WalletFlow ops");
        await admin.GotoAsync("/ops/settings");
        await ComponentsReadyAsync(admin);
        await admin.FillAsync("textarea[name=allowed]", "day-shift@example.com");
        await admin.ClickAsync("[data-testid=save-allowlists]");
        await Assertions.Expect(admin.GetByTestId("settings-saved")).ToBeVisibleAsync();
        await Assertions.Expect(admin.Locator("textarea[name=allowed]")).ToHaveValueAsync("day-shift@example.com");
        await admin.ScreenshotAsync(new() { Path = Path.Combine(RepositoryFolders.Screenshots, "settings-saved-dark.png"), FullPage = true });

        // The session is checked against the lists on every request; the lists are cached for a few seconds at most.
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        await operatorPage.GotoAsync("/ops/wallets");
        while (await operatorPage.TitleAsync() != SignInTitle && deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            await operatorPage.GotoAsync("/ops/wallets");
        }

        await Assertions.Expect(operatorPage).ToHaveTitleAsync(SignInTitle);
        await Assertions.Expect(operatorPage).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/ops/login"));
        // The circuit re-asks the lists every few seconds, and the page reloads by itself into the sign-in page.
        await Assertions.Expect(liveOverview).ToHaveTitleAsync(SignInTitle, new() { Timeout = 20_000 });
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await _browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _host.Address.ToString() });
        return await context.NewPageAsync();
    }

    private static async Task ComponentsReadyAsync(IPage page) =>
        await page.WaitForFunctionAsync("() => customElements.get('fluent-button') !== undefined && document.fonts.status === 'loaded'");
}
