using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Access;
using WalletFlow.Access.Credentials;
using WalletFlow.Console.Preferences;

namespace WalletFlow.Console.Access;

/// <summary>The console's form posts: sign in, sign out, switch theme. Each checks the anti-forgery token itself.</summary>
internal static class SessionEndpoints
{
    public const string FailedQuery = "failed";
    public const string SignedOutQuery = "signed-out";

    public static void MapSessionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(OpsPaths.SignIn, SignInAsync).AllowAnonymous().DisableAntiforgery();
        endpoints.MapPost(OpsPaths.SignOut, SignOutAsync).AllowAnonymous().DisableAntiforgery();
        endpoints.MapPost(OpsPaths.Theme, SwitchThemeAsync).RequireAuthorization(AccessPolicies.ConsoleOperator).DisableAntiforgery();
    }

    private static async Task<IResult> SignInAsync(HttpContext context, IAntiforgery antiforgery, OperatorToken token, SignInThrottle throttle, TimeProvider time)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return ForgedForm();
        }

        var address = context.Connection.RemoteIpAddress;
        if (throttle.RetryAfter(address) is var wait && wait > TimeSpan.Zero)
        {
            return TooManyAttempts(context, wait);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = OpsPaths.LocalOrRoot(form["returnUrl"]);
        if (!token.Matches(form["token"]))
        {
            throttle.Failed(address);
            return Results.Redirect($"{OpsPaths.Login}?{FailedQuery}=1&returnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        throttle.Succeeded(address);
        var now = time.GetUtcNow();
        await context.SignInAsync(
            AccessSchemes.Cookie,
            Principals.Create(BearerCredentials.OperatorTokenName, AccessRoles.Admin, AccessSchemes.Cookie),
            new AuthenticationProperties { IsPersistent = true, IssuedUtc = now, ExpiresUtc = now + OpsAccessExtensions.SessionLifetime });
        return Results.Redirect(returnUrl);
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return ForgedForm();
        }

        await context.SignOutAsync(AccessSchemes.Cookie);
        return Results.Redirect($"{OpsPaths.Login}?{SignedOutQuery}=1");
    }

    private static async Task<IResult> SwitchThemeAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return ForgedForm();
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        context.Response.Cookies.Append(ConsoleTheme.CookieName, ConsoleTheme.Normalize(form["theme"]), new CookieOptions
        {
            Path = OpsPaths.Root,
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(365),
        });
        return Results.Redirect(OpsPaths.LocalOrRoot(form["returnUrl"]));
    }

    private static IResult TooManyAttempts(HttpContext context, TimeSpan wait)
    {
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many failed sign-ins",
            detail: $"Too many failed sign-ins came from this address; try again in {seconds} seconds.",
            extensions: new Dictionary<string, object?> { ["code"] = "TOO_MANY_ATTEMPTS" });
    }

    internal static IResult ForgedForm() =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The form's anti-forgery token is missing or invalid.", detail: "Reload the page and submit the form again.");
}
