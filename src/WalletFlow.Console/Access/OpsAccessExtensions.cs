using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Access;

namespace WalletFlow.Console.Access;

/// <summary>The console's own ways in, added to the host's authentication: a session cookie for browsers and Development's open mode.</summary>
internal static class OpsAccessExtensions
{
    public const string SessionCookieName = ".walletflow.ops.session";
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);

    public static AuthenticationBuilder AddOpsAccess(this AuthenticationBuilder authentication) => authentication
        .AddCookie(AccessSchemes.Cookie, options =>
        {
            options.Cookie.Name = SessionCookieName;
            options.Cookie.Path = OpsPaths.Root;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = SessionLifetime;
            // A fixed 12 hours from sign-in: an idle tab does not keep a session alive forever.
            options.SlidingExpiration = false;
            options.LoginPath = OpsPaths.Login;
            options.LogoutPath = OpsPaths.SignOut;
            options.AccessDeniedPath = OpsPaths.Denied;
        })
        .AddScheme<AuthenticationSchemeOptions, OpenConsoleHandler>(AccessSchemes.Open, null);
}
