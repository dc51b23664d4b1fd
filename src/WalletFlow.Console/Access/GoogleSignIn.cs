using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WalletFlow.Access;
using WalletFlow.Access.Credentials;
using WalletFlow.Application.ConsoleAccess;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Console.Access;

/// <summary>
/// Sign in with Google. Google only proves an email; the console's allowlists say whether it may come in and as what.
/// An allowed email becomes an ordinary console session (the cookie scheme, 12 hours), marked as Google's so that every
/// later request checks the lists again: removing an email locks its sessions out, demoting an admin takes Controls
/// and Settings away, within the allowlist's cache lifetime.
/// </summary>
internal static class GoogleSignIn
{
    /// <summary>The login page's query that says why Google sign-in ended there: an error code.</summary>
    public const string RefusedQuery = "google";

    /// <summary>The flow did not complete: consent refused at Google, an expired or forged state, an unreachable provider.</summary>
    public const string FailedCode = "GOOGLE_SIGN_IN_FAILED";

    private const string EmailVerifiedClaim = "walletflow:email_verified";

    public static AuthenticationBuilder AddGoogleSignIn(this AuthenticationBuilder authentication, GoogleSignInSettings settings) =>
        authentication.AddGoogle(AccessSchemes.Google, options =>
        {
            options.ClientId = settings.ClientId!;
            options.ClientSecret = settings.ClientSecret!;
            options.CallbackPath = OpsPaths.GoogleCallback;
            options.SignInScheme = AccessSchemes.Cookie;
            // The callback is a top-level GET navigation from Google's site: a Lax cookie is sent on it and, unlike None,
            // needs no Secure flag, so the flow also works over plain http on loopback. Over https it stays Secure.
            options.CorrelationCookie.SameSite = SameSiteMode.Lax;
            options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ClaimActions.MapCustomJson(EmailVerifiedClaim, user => IsVerified(user) ? "true" : "false");
            options.Events.OnTicketReceived = AdmitAsync;
            options.Events.OnRemoteFailure = FailedAsync;
        });

    public static void MapGoogleSignIn(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(OpsPaths.GoogleSignIn, StartAsync).AllowAnonymous().DisableAntiforgery();

    /// <summary>
    /// The cookie scheme's check of every request: a Google session whose email the lists no longer allow is ended; one
    /// whose role changed gets the new role for this request. The cookie is not renewed (that would stretch the fixed
    /// 12 hours), so the role is re-applied on every request instead.
    /// </summary>
    public static async Task RevalidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal?.SignedInEmail() is not { } email)
        {
            return;
        }

        var allowlist = context.HttpContext.RequestServices.GetRequiredService<ConsoleAllowlist>();
        if (!(await allowlist.DecideAsync(email, context.HttpContext.RequestAborted)).TryGetValue(out var role, out _))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AccessSchemes.Cookie);
            return;
        }

        var roleName = AccessRoles.Of(role);
        if (!context.Principal.IsInRole(roleName))
        {
            context.ReplacePrincipal(Principals.CreateForEmail(email, roleName, context.Scheme.Name));
        }
    }

    private static async Task<IResult> StartAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return SessionEndpoints.ForgedForm();
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        return Results.Challenge(new AuthenticationProperties { RedirectUri = OpsPaths.LocalOrRoot(form["returnUrl"]) }, [AccessSchemes.Google]);
    }

    /// <summary>Google answered: an allowed, verified email becomes a console session; any other lands on the login page with the reason, and no session.</summary>
    private static async Task AdmitAsync(TicketReceivedContext context)
    {
        var email = context.Principal?.FindFirst(ClaimTypes.Email)?.Value;
        var decision = email is null || context.Principal?.HasClaim(EmailVerifiedClaim, "true") != true
            ? Result<ConsoleRole>.Failure(new Error(ErrorCodes.EmailUnverified, "Google has not verified this account's email."))
            : await context.HttpContext.RequestServices.GetRequiredService<ConsoleAllowlist>().DecideAsync(email, context.HttpContext.RequestAborted);
        if (!decision.TryGetValue(out var role, out var refusal))
        {
            Logger(context.HttpContext).LogWarning("Google sign-in refused: {Code}.", refusal.Code);
            Refuse(context, refusal.Code);
            return;
        }

        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        context.Principal = Principals.CreateForEmail(AllowlistEmails.Normalize(email!), AccessRoles.Of(role), AccessSchemes.Cookie);
        // Properties of the cookie's own: the provider's state (its correlation, its redirect) has no place in the session.
        context.Properties = new AuthenticationProperties { IsPersistent = true, IssuedUtc = now, ExpiresUtc = now + OpsAccessExtensions.SessionLifetime };
    }

    private static Task FailedAsync(RemoteFailureContext context)
    {
        Logger(context.HttpContext).LogWarning("Google sign-in did not complete: {Reason}", context.Failure?.Message);
        Refuse(context, FailedCode);
        return Task.CompletedTask;
    }

    private static void Refuse(HandleRequestContext<RemoteAuthenticationOptions> context, string code)
    {
        context.Response.Redirect($"{OpsPaths.Login}?{RefusedQuery}={Uri.EscapeDataString(code)}");
        context.HandleResponse();
    }

    /// <summary>Google's userinfo says <c>email_verified</c> as a boolean; some OpenID providers say it as a string.</summary>
    private static bool IsVerified(JsonElement user) =>
        user.TryGetProperty("email_verified", out var verified)
        && (verified.ValueKind == JsonValueKind.True || (verified.ValueKind == JsonValueKind.String && verified.GetString() == "true"));

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GoogleSignIn).FullName!);
}
