using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace WalletFlow.Console.Access;

/// <summary>Sign-in for the console: a cookie for browsers, the bearer token for scripts, and Development's open mode.</summary>
internal static class OpsAccessExtensions
{
    public const string SessionCookieName = ".walletflow.ops.session";
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);

    public static IServiceCollection AddOpsAccess(this IServiceCollection services)
    {
        services.AddSingleton<OperatorToken>();
        services.AddSingleton<ConsoleAccessMode>();
        services.AddAuthentication(OpsAuthenticationSchemes.Selector)
            .AddPolicyScheme(OpsAuthenticationSchemes.Selector, "WalletFlow ops", options => options.ForwardDefaultSelector = SelectScheme)
            .AddCookie(OpsAuthenticationSchemes.Cookie, options =>
            {
                options.Cookie.Name = SessionCookieName;
                options.Cookie.Path = OpsPaths.Root;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = SessionLifetime;
                // A fixed 12 hours from sign-in: an idle tab does not keep a session alive forever.
                options.SlidingExpiration = false;
                options.LoginPath = OpsPaths.Login;
                options.LogoutPath = OpsPaths.SignOut;
                options.AccessDeniedPath = OpsPaths.Denied;
            })
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(OpsAuthenticationSchemes.Bearer, null)
            .AddScheme<AuthenticationSchemeOptions, OpenConsoleHandler>(OpsAuthenticationSchemes.Open, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(OpsRoles.AnyOperatorPolicy, policy => policy.RequireRole(OpsRoles.Admin, OpsRoles.Operator));
        return services;
    }

    private static string SelectScheme(HttpContext context)
    {
        if (context.RequestServices.GetRequiredService<ConsoleAccessMode>().IsOpen)
        {
            return OpsAuthenticationSchemes.Open;
        }

        string? authorization = context.Request.Headers[HeaderNames.Authorization];
        return authorization?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true ? OpsAuthenticationSchemes.Bearer : OpsAuthenticationSchemes.Cookie;
    }
}
