using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Application.ConsoleAccess;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Console;

/// <summary>The Settings page: the allowlists in force and where they come from, and the form that saves them all or nothing.</summary>
public sealed class SettingsPageTests(PostgresFixture postgres)
{
    private static readonly Dictionary<string, string> Seeded = new(ConsoleClient.TokenSettings)
    {
        ["OPS_ALLOWED_EMAILS"] = "otto@example.com",
        ["OPS_ADMIN_EMAILS"] = "ada@example.com",
    };

    [Fact]
    public async Task The_page_shows_the_environments_lists_until_lists_are_saved_and_then_the_saved_ones()
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(SettingsPageTests), Seeded);
        var console = new ConsoleClient(api);
        await console.SignInAsync();
        var before = await console.GetPageAsync("/ops/settings");

        var saved = await console.SubmitAsync(before, "[data-testid=allowlist-form]", new Dictionary<string, string>
        {
            ["admins"] = "ada@example.com\nBea@Example.com",
            ["allowed"] = "otto@example.com, olga@example.com;otto@example.com",
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var after = await ConsoleClient.ParseAsync(saved);
        var reloaded = await console.GetPageAsync("/ops/settings");

        Assert.Equal("environment", before.QuerySelector("[data-testid=allowlist-source]")?.GetAttribute("data-source"));
        Assert.Equal(["ada@example.com"], Emails(before, "admin-emails"));
        Assert.Equal(["otto@example.com"], Emails(before, "allowed-emails"));
        Assert.NotNull(after.QuerySelector("[data-testid=settings-saved]"));
        Assert.Equal("saved", reloaded.QuerySelector("[data-testid=allowlist-source]")?.GetAttribute("data-source"));
        Assert.Contains("operator token", reloaded.QuerySelector("[data-testid=allowlist-source]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(["ada@example.com", "bea@example.com"], Emails(reloaded, "admin-emails"));
        Assert.Equal(["olga@example.com", "otto@example.com"], Emails(reloaded, "allowed-emails"));
    }

    [Fact]
    public async Task An_entry_that_is_not_an_email_is_refused_with_its_code_naming_it_and_nothing_is_saved()
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(SettingsPageTests), Seeded);
        var console = new ConsoleClient(api);
        await console.SignInAsync();

        var response = await console.SubmitAsync(await console.GetPageAsync("/ops/settings"), "[data-testid=allowlist-form]", new Dictionary<string, string>
        {
            ["admins"] = "ada@example.com",
            ["allowed"] = "olga@example.com\nnot-an-email",
        });
        var page = await ConsoleClient.ParseAsync(response);

        var error = page.QuerySelector("[data-testid=settings-error]");
        Assert.Equal("EMAIL_INVALID", error?.GetAttribute("data-code"));
        Assert.Equal("'not-an-email' in the allowed list is not an email address (name@domain.tld).", error?.TextContent);
        Assert.Equal("true", page.QuerySelector("#allowed")?.GetAttribute("aria-invalid"));
        Assert.Contains("not-an-email", page.QuerySelector("#allowed")?.TextContent, StringComparison.Ordinal);
        Assert.Null(await api.Services.GetRequiredService<IConsoleAllowlistStore>().ReadAsync(TestContext.Current.CancellationToken));
        Assert.Equal("environment", (await console.GetPageAsync("/ops/settings")).QuerySelector("[data-testid=allowlist-source]")?.GetAttribute("data-source"));
    }

    [Fact]
    public async Task A_google_admin_cannot_take_their_own_admin_access_away()
    {
        await using var console = await GoogleConsole.StartAsync(postgres, nameof(SettingsPageTests), Seeded);
        var (browser, _) = await console.SignInAsync("ada@example.com");

        var response = await browser.SubmitAsync(await browser.GetPageAsync("/ops/settings"), "[data-testid=allowlist-form]", new Dictionary<string, string>
        {
            ["admins"] = "bea@example.com",
            ["allowed"] = "ada@example.com",
        });
        var page = await ConsoleClient.ParseAsync(response);
        var again = await browser.Http.GetAsync("/ops/settings", TestContext.Current.CancellationToken);

        Assert.Equal("SELF_LOCKOUT", page.QuerySelector("[data-testid=settings-error]")?.GetAttribute("data-code"));
        Assert.StartsWith("You are signed in as ada@example.com", page.QuerySelector("[data-testid=settings-error]")?.TextContent, StringComparison.Ordinal);
        Assert.Null(await console.Api.Services.GetRequiredService<IConsoleAllowlistStore>().ReadAsync(TestContext.Current.CancellationToken));
        Assert.Equal("/ops/settings", GoogleBrowser.LandedOn(again));
    }

    [Fact]
    public async Task A_google_admin_saves_lists_that_keep_them_admin()
    {
        await using var console = await GoogleConsole.StartAsync(postgres, nameof(SettingsPageTests), Seeded);
        var (browser, _) = await console.SignInAsync("ada@example.com");

        var response = await browser.SubmitAsync(await browser.GetPageAsync("/ops/settings"), "[data-testid=allowlist-form]", new Dictionary<string, string>
        {
            ["admins"] = "ADA@example.com",
            ["allowed"] = "",
        });

        Assert.NotNull((await ConsoleClient.ParseAsync(response)).QuerySelector("[data-testid=settings-saved]"));
        var saved = await console.Api.Services.GetRequiredService<IConsoleAllowlistStore>().ReadAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["ada@example.com"], saved?.Admins);
        Assert.Empty(saved!.Allowed);
        Assert.Equal("ada@example.com", saved.SavedBy);
    }

    private static string[] Emails(AngleSharp.Html.Dom.IHtmlDocument page, string list) =>
        [.. page.QuerySelectorAll($"[data-testid={list}] [data-testid=email]").Select(item => item.TextContent)];
}
