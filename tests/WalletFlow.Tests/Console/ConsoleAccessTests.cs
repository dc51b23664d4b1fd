using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Console;

public sealed class ConsoleAccessTests(PostgresFixture postgres)
{
    [Theory]
    [InlineData("/ops")]
    [InlineData("/ops/ledger")]
    [InlineData("/ops/transactions/1")]
    [InlineData("/ops/wallets")]
    [InlineData("/ops/ledger/chart.csv")]
    public async Task Without_a_session_every_console_page_redirects_to_the_login_page(string path)
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(ConsoleAccessTests), ConsoleClient.TokenSettings);
        var console = new ConsoleClient(api);

        var response = await console.Http.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/ops/login", response.Headers.Location?.AbsolutePath);
        Assert.Contains(Uri.EscapeDataString(path), response.Headers.Location?.Query, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/ops/login")]
    [InlineData("/ops/ops.css")]
    [InlineData("/ops/fluent-start.js")]
    [InlineData("/ops/_content/Microsoft.FluentUI.AspNetCore.Components/Microsoft.FluentUI.AspNetCore.Components.lib.module.js")]
    [InlineData("/ops/_content/Microsoft.FluentUI.AspNetCore.Components/Microsoft.FluentUI.AspNetCore.Components.bundle.scp.css")]
    public async Task The_login_page_and_its_assets_need_no_session(string path)
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(ConsoleAccessTests), ConsoleClient.TokenSettings);

        var response = await new ConsoleClient(api).Http.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Signing_in_with_the_token_sets_a_lax_http_only_cookie_for_twelve_hours()
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(ConsoleAccessTests), ConsoleClient.TokenSettings);
        var console = new ConsoleClient(api);

        var response = await console.SignInAsync();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/ops", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), header => header.StartsWith(".walletflow.ops.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/ops", cookie, StringComparison.OrdinalIgnoreCase);
        var expires = DateTimeOffset.Parse(cookie.Split(';').Single(part => part.Trim().StartsWith("expires=", StringComparison.OrdinalIgnoreCase)).Trim()["expires=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromHours(11.9), TimeSpan.FromHours(12.1));
        var overview = await console.GetPageAsync("/ops");
        Assert.Equal("Overview · WalletFlow ops", overview.Title);
    }

    [Fact]
    public async Task Signing_in_returns_to_the_page_that_asked_for_a_session()
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(ConsoleAccessTests), ConsoleClient.TokenSettings);
        var console = new ConsoleClient(api);
        var redirect = await console.Http.GetAsync("/ops/ledger?view=chart", TestContext.Current.CancellationToken);

        var login = await console.GetPageAsync(redirect.Headers.Location!.PathAndQuery);
        var response = await console.SubmitAsync(login, "[data-testid=sign-in-form]", new Dictionary<string, string> { ["token"] = ConsoleClient.Token });

        Assert.Equal("/ops/ledger?view=chart", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("https://evil.example/ops")]
    [InlineData("//evil.example/ops")]
    [InlineData("/elsewhere")]
    [InlineData("/opsevil")]
    public async Task Signing_in_never_redirects_outside_the_console(string returnUrl)
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(ConsoleAccessTests), ConsoleClient.TokenSettings);
        var console = new ConsoleClient(api);

        var response = await console.SubmitAsync(await console.GetPageAsync("/ops/login"), "[data-testid=sign-in-form]",
            new Dictionary<string, string> { ["token"] = ConsoleClient.Token, ["returnUrl"] = returnUrl });

        Assert.Equal("/ops", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_wrong_token_is_refused_with_a_readable_message()
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(ConsoleAccessTests), ConsoleClient.TokenSettings);
        var console = new ConsoleClient(api);

        var response = await console.SignInAsync("not-the-token");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], header => header.StartsWith(".walletflow.ops.session=", StringComparison.Ordinal));
        var login = await console.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Equal("That token was not accepted. Check it and try again.", login.QuerySelector("[data-testid=sign-in-error]")?.TextContent);
    }

    [Fact]
    public async Task A_sign_in_form_posted_without_its_anti_forgery_token_is_rejected()
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(ConsoleAccessTests), ConsoleClient.TokenSettings);
        var console = new ConsoleClient(api);

        var response = await console.Http.PostAsync("/ops/auth/sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = ConsoleClient.Token }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], header => header.StartsWith(".walletflow.ops.session=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_forged_sign_out_with_another_forms_token_is_rejected_and_the_session_survives()
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(ConsoleAccessTests), ConsoleClient.TokenSettings);
        var console = new ConsoleClient(api);
        await console.SignInAsync();

        var forged = await console.Http.PostAsync("/ops/auth/sign-out", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = "forged" }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await console.Http.GetAsync("/ops/ledger", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(ConsoleAccessTests), ConsoleClient.TokenSettings);
        var console = new ConsoleClient(api);
        await console.SignInAsync();

        var signedOut = await console.SubmitAsync(await console.GetPageAsync("/ops"), "[data-testid=sign-out-form]");

        Assert.Equal("/ops/login?signed-out=1", signedOut.Headers.Location?.OriginalString);
        var after = await console.Http.GetAsync("/ops", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task The_bearer_token_opens_the_console_to_scripts_and_a_wrong_one_gets_401()
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(ConsoleAccessTests), ConsoleClient.TokenSettings);
        var client = api.CreateClient(new() { AllowAutoRedirect = false });

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ConsoleClient.Token);
        var allowed = await client.GetAsync("/ops/settings", TestContext.Current.CancellationToken);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wrong");
        var refused = await client.GetAsync("/ops", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Theory]
    [InlineData("/ops/controls", HttpStatusCode.Forbidden)]
    [InlineData("/ops/settings", HttpStatusCode.Forbidden)]
    [InlineData("/ops/ledger", HttpStatusCode.OK)]
    [InlineData("/ops/payouts", HttpStatusCode.OK)]
    [InlineData("/ops/webhooks", HttpStatusCode.OK)]
    public async Task An_operator_may_use_every_page_but_controls_and_settings(string path, HttpStatusCode expected)
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(ConsoleAccessTests), ConsoleClient.TokenSettings,
            services => services.AddSingleton<IClaimsTransformation, EveryoneAnOperator>());
        var client = api.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ConsoleClient.Token);

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task An_operator_in_a_browser_is_sent_to_the_not_allowed_page()
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(ConsoleAccessTests), ConsoleClient.TokenSettings,
            services => services.AddSingleton<IClaimsTransformation, EveryoneAnOperator>());
        var console = new ConsoleClient(api);
        await console.SignInAsync();

        var response = await console.Http.GetAsync("/ops/controls", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/ops/denied", response.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task Without_a_token_outside_development_nobody_gets_in()
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(ConsoleAccessTests));
        var console = new ConsoleClient(api);

        var response = await console.Http.GetAsync("/ops", TestContext.Current.CancellationToken);
        var login = await console.GetPageAsync("/ops/login");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull(login.QuerySelector("[data-testid=sign-in-unavailable]"));
        Assert.Null(login.QuerySelector("[data-testid=sign-in-form]"));
    }

    [Fact]
    public async Task Without_a_token_in_development_the_console_is_open_and_says_so()
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(ConsoleAccessTests), new Dictionary<string, string> { ["environment"] = "Development" });
        var console = new ConsoleClient(api);

        var overview = await console.GetPageAsync("/ops/settings");

        Assert.NotNull(overview.QuerySelector("[data-testid=open-console-banner]"));
    }

    [Fact]
    public async Task In_production_without_a_token_the_api_refuses_to_start()
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(ConsoleAccessTests), new Dictionary<string, string> { ["environment"] = "Production" });

        var failure = Assert.ThrowsAny<Exception>(() => api.CreateClient());

        var reasons = string.Join(" | ", Causes(failure).Select(exception => exception.Message));
        Assert.Contains("AUTH_TOKEN is not set. In Production the /ops console needs an operator token", reasons, StringComparison.Ordinal);
    }

    private static IEnumerable<Exception> Causes(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }

    /// <summary>Turns the token's admin session into an operator's, to check the operator's refusals without Google (GoogleSignInTests has real operator sessions).</summary>
    private sealed class EveryoneAnOperator : IClaimsTransformation
    {
        public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal) =>
            Task.FromResult(principal.Identity is { IsAuthenticated: true } identity
                ? new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, identity.Name ?? "operator"), new Claim(ClaimTypes.Role, "operator")], identity.AuthenticationType, ClaimTypes.Name, ClaimTypes.Role))
                : principal);
    }
}
