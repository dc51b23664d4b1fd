using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using WalletFlow.Access.Credentials;

namespace WalletFlow.Access;

public static class AccessExtensions
{
    /// <summary>
    /// The host's credentials, its authentication (the bearer scheme, and a selector that hands requests without a
    /// bearer to the console's schemes, which the console adds to the returned builder), the named policies, and the
    /// deny-by-default fallback.
    /// </summary>
    public static AuthenticationBuilder AddWalletFlowAccess(this IServiceCollection services)
    {
        services.AddSingleton<OperatorToken>();
        services.AddSingleton<LedgerForceToken>();
        services.AddSingleton<GoogleSignInSettings>();
        services.AddSingleton<BearerCredentials>();
        services.AddSingleton<ConsoleAccessMode>();
        services.AddSingleton<SignInThrottle>();
        services.AddAuthorization(AccessPolicies.Add);
        return services.AddAuthentication(AccessSchemes.Selector)
            .AddPolicyScheme(AccessSchemes.Selector, "WalletFlow", options => options.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(AccessSchemes.Bearer, null);
    }

    /// <summary>Authentication, then authorization: every endpoint mapped after this runs only if its rule admits the caller.</summary>
    public static WebApplication UseWalletFlowAccess(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Resolved now so that a bad configuration (Production without AUTH_TOKEN, a force token equal to it) stops the
        // host at start-up with the reason, not at the first request.
        app.Services.GetRequiredService<ConsoleAccessMode>();
        app.Services.GetRequiredService<BearerCredentials>();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// The console's schemes answer only under its own path: elsewhere a request without a bearer is challenged as the
    /// API challenges (401 problem+json), never with a redirect to the console's sign-in page.
    /// </summary>
    private static string SelectScheme(HttpContext context)
    {
        string? authorization = context.Request.Headers[HeaderNames.Authorization];
        var consolePath = context.RequestServices.GetRequiredService<IOptions<AccessOptions>>().Value.ConsolePath;
        if (authorization?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true
            || consolePath is null
            || !context.Request.Path.StartsWithSegments(consolePath, StringComparison.Ordinal))
        {
            return AccessSchemes.Bearer;
        }

        return context.RequestServices.GetRequiredService<ConsoleAccessMode>().IsOpen ? AccessSchemes.Open : AccessSchemes.Cookie;
    }
}
