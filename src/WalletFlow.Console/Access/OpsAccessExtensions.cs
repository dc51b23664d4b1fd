using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Access;
using WalletFlow.Access.Credentials;

namespace WalletFlow.Console.Access;

/// <summary>
/// The console's own ways in, added to the host's authentication: a session cookie for browsers (from the operator token
/// or from Sign in with Google, when it is configured) and Development's open mode.
/// </summary>
internal static class OpsAccessExtensions
{
    public const string SessionCookieName = ".walletflow.ops.session";
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);

    public static AuthenticationBuilder AddOpsAccess(this AuthenticationBuilder authentication, GoogleSignInSettings google)
    {
        ArgumentNullException.ThrowIfNull(google);
        authentication.AddCookie(AccessSchemes.Cookie, options =>
        {
            options.Cookie.Name = SessionCookieName;
            options.Cookie.Path = OpsPaths.Root;
            options.Cookie.HttpOnly = true;
            // Lax, not Strict: a Google sign-in ends a redirect chain that began on Google's site, and a Strict cookie is not
            // sent on that chain's last navigation, so the new session would look signed out (docs/decisions.md, "Access").
            // Nothing a console GET does changes state, and REST never accepts this cookie.
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = SessionLifetime;
            // A fixed 12 hours from sign-in: an idle tab does not keep a session alive forever.
            options.SlidingExpiration = false;
            options.LoginPath = OpsPaths.Login;
            options.LogoutPath = OpsPaths.SignOut;
            options.AccessDeniedPath = OpsPaths.Denied;
            options.Events.OnValidatePrincipal = GoogleSignIn.RevalidateAsync;
        });
        authentication.AddScheme<AuthenticationSchemeOptions, OpenConsoleHandler>(AccessSchemes.Open, null);
        return google.IsConfigured ? authentication.AddGoogleSignIn(google) : authentication;
    }
}
