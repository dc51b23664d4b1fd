using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WalletFlow.Access;
using WalletFlow.Api.Grpc;
using WalletFlow.Application.ConsoleAccess;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Console;

/// <summary>
/// The real API on Kestrel at a loopback port, with Sign in with Google pointed at a <see cref="FakeGoogle"/> of its own and
/// a clock the test moves; browsers that keep cookies and follow redirects from one server to the other.
/// </summary>
internal sealed class GoogleConsole : IAsyncDisposable
{
    private GoogleConsole(ApiFactory api, FakeGoogle google, AdjustableClock clock)
    {
        Api = api;
        Google = google;
        Clock = clock;
    }

    public ApiFactory Api { get; }

    public FakeGoogle Google { get; }

    public AdjustableClock Clock { get; }

    /// <summary>The console's own allowlist service: what the Settings page saves through.</summary>
    public ConsoleAllowlist Allowlist => Api.Services.GetRequiredService<ConsoleAllowlist>();

    /// <summary>The REST endpoint's address (Kestrel also binds the gRPC one).</summary>
    public Uri Address =>
        new(Api.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses
            .Single(address => new Uri(address).Port != Api.Services.GetRequiredService<GrpcEndpoint>().Address.Port));

    public static async Task<GoogleConsole> StartAsync(PostgresFixture postgres, string owner, IReadOnlyDictionary<string, string>? settings = null)
    {
        var google = await FakeGoogle.StartAsync();
        var clock = new AdjustableClock();
        var all = new Dictionary<string, string>(FakeGoogle.Settings) { ["urls"] = "http://127.0.0.1:0" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        var api = await ApiFactory.OnFreshDatabaseAsync(postgres, owner, all, services =>
        {
            google.Configure(services);
            services.AddSingleton<TimeProvider>(clock);
        });
        api.UseKestrel();
        api.StartServer();
        return new GoogleConsole(api, google, clock);
    }

    /// <summary>The allowlist service of another API process on the same database: its own cache, so it sees a save only once that expires.</summary>
    public ConsoleAllowlist AnotherProcessAllowlist() =>
        new(Api.Services.GetRequiredService<IConsoleAllowlistStore>(),
            AllowlistSeed.From(Api.Services.GetRequiredService<IConfiguration>(), Api.Services.GetRequiredService<IHostEnvironment>()),
            Clock);

    public GoogleBrowser NewBrowser() => new(Address);

    /// <summary>A new browser that went through Sign in with Google as <paramref name="email"/>.</summary>
    public async Task<(GoogleBrowser Browser, HttpResponseMessage Landing)> SignInAsync(string email, bool verified = true)
    {
        Google.Account = new GoogleAccount(email, verified);
        var browser = NewBrowser();
        return (browser, await browser.SignInWithGoogleAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        await Google.DisposeAsync();
    }
}

/// <summary>A browser-like client: keeps cookies per host and follows redirects, across the API and the fake provider.</summary>
internal sealed class GoogleBrowser : IDisposable
{
    private readonly CookieContainer _cookies = new();

    public GoogleBrowser(Uri address) =>
        Http = new HttpClient(new SocketsHttpHandler { CookieContainer = _cookies, UseCookies = true, AllowAutoRedirect = true }) { BaseAddress = address };

    public HttpClient Http { get; }

    /// <summary>The console's session cookie, if this browser holds one.</summary>
    public Cookie? Session => _cookies.GetCookies(new Uri(Http.BaseAddress!, "/ops/")).FirstOrDefault(cookie => cookie.Name == ".walletflow.ops.session");

    /// <summary>Where a followed chain of redirects ended.</summary>
    public static string LandedOn(HttpResponseMessage response) => response.RequestMessage!.RequestUri!.PathAndQuery;

    public async Task<HttpResponseMessage> SignInWithGoogleAsync() =>
        await SubmitAsync(await GetPageAsync("/ops/login"), "[data-testid=google-sign-in-form]");

    public async Task<IHtmlDocument> GetPageAsync(string path)
    {
        var response = await Http.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ConsoleClient.ParseAsync(response);
    }

    /// <summary>Posts the form a page renders with its hidden fields (the anti-forgery token among them) and <paramref name="fields"/>.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(IHtmlDocument page, string formSelector, IReadOnlyDictionary<string, string>? fields = null)
    {
        var form = page.QuerySelector<IHtmlFormElement>(formSelector) ?? throw new InvalidOperationException($"No form {formSelector} on the page.");
        var values = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]").ToDictionary(input => input.Name!, input => input.Value);
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            values[name] = value;
        }

        return await Http.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(values), TestContext.Current.CancellationToken);
    }

    public void Dispose() => Http.Dispose();
}
