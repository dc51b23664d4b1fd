using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.Google;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WalletFlow.Tests.Infrastructure;

/// <summary>
/// Google's OAuth 2.0 endpoints as a real HTTP server on a loopback port of its own: <c>/authorize</c> answers at once,
/// as if the person had chosen <see cref="Account"/> and consented, by sending the browser back to the callback with a
/// code and the state; <c>/token</c> exchanges that code (client secret, redirect URI and PKCE verifier checked) for an
/// access token; <c>/userinfo</c> returns the account's email for that token.
/// </summary>
public sealed class FakeGoogle : IAsyncDisposable
{
    public const string ClientId = "walletflow-test-client.apps.googleusercontent.com";
    public const string ClientSecret = "fake-google-client-secret";

    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["GOOGLE_CLIENT_ID"] = ClientId,
        ["GOOGLE_CLIENT_SECRET"] = ClientSecret,
    };

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Grant> _codes = new();
    private readonly ConcurrentDictionary<string, GoogleAccount> _tokens = new();
    private int _exchanges;

    private FakeGoogle(WebApplication app) => _app = app;

    /// <summary>Who "signs in" at the next <c>/authorize</c>.</summary>
    public GoogleAccount Account { get; set; } = new("someone@example.com");

    public Uri Address => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

    /// <summary>How many codes were exchanged: a refused sign-in still gets this far, a flow that never reached Google does not.</summary>
    public int Exchanges => Volatile.Read(ref _exchanges);

    public static async Task<FakeGoogle> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var fake = new FakeGoogle(builder.Build());
        fake._app.MapGet("/authorize", fake.Authorize);
        fake._app.MapPost("/token", fake.ExchangeAsync);
        fake._app.MapGet("/userinfo", fake.UserInfo);
        await fake._app.StartAsync();
        return fake;
    }

    /// <summary>Points the console's Google scheme at this server instead of Google.</summary>
    public void Configure(IServiceCollection services) =>
        services.PostConfigure<GoogleOptions>(WalletFlow.Access.AccessSchemes.Google, options =>
        {
            options.AuthorizationEndpoint = new Uri(Address, "authorize").ToString();
            options.TokenEndpoint = new Uri(Address, "token").ToString();
            options.UserInformationEndpoint = new Uri(Address, "userinfo").ToString();
        });

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private IResult Authorize(HttpRequest request)
    {
        var query = request.Query;
        if (query["client_id"] != ClientId || query["response_type"] != "code" || string.IsNullOrEmpty(query["state"]) || string.IsNullOrEmpty(query["redirect_uri"]))
        {
            return Results.BadRequest("not an authorization request of the test client");
        }

        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _codes[code] = new Grant(Account, query["redirect_uri"].ToString(), query["code_challenge"]);
        return Results.Redirect(QueryHelpers.AddQueryString(query["redirect_uri"].ToString(), new Dictionary<string, string?> { ["code"] = code, ["state"] = query["state"] }));
    }

    private async Task<IResult> ExchangeAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        if (form["grant_type"] != "authorization_code" || form["client_id"] != ClientId || form["client_secret"] != ClientSecret
            || !_codes.TryRemove(form["code"].ToString(), out var grant) || grant.RedirectUri != form["redirect_uri"]
            || (grant.CodeChallenge is { Length: > 0 } challenge && challenge != S256(form["code_verifier"].ToString())))
        {
            return Results.Json(new { error = "invalid_grant" }, statusCode: StatusCodes.Status400BadRequest);
        }

        Interlocked.Increment(ref _exchanges);
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _tokens[token] = grant.Account;
        return Results.Json(new { access_token = token, token_type = "Bearer", expires_in = 3600 });
    }

    private IResult UserInfo(HttpRequest request)
    {
        string? authorization = request.Headers.Authorization;
        return authorization?.StartsWith("Bearer ", StringComparison.Ordinal) == true && _tokens.TryGetValue(authorization["Bearer ".Length..], out var account)
            ? Results.Json(new { sub = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(account.Email)))[..21], email = account.Email, email_verified = account.EmailVerified, name = account.Email })
            : Results.Unauthorized();
    }

    private static string S256(string verifier) => WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private sealed record Grant(GoogleAccount Account, string RedirectUri, string? CodeChallenge);
}

/// <summary>A Google account as the fake provider reports it.</summary>
public sealed record GoogleAccount(string Email, bool EmailVerified = true);
