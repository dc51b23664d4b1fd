using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace WalletFlow.Access;

/// <summary>
/// The named rules a route declares. A route that declares none meets the fallback, which refuses it: a route added
/// without a rule is closed, not open.
/// </summary>
public static class AccessPolicies
{
    /// <summary>Any operator of the console (admin or operator), by session cookie, bearer, or Development's open mode.</summary>
    public const string ConsoleOperator = "console-operator";

    /// <summary>A console admin.</summary>
    public const string ConsoleAdmin = "console-admin";

    /// <summary>An operator or admin, by bearer only: the reads of the API and of the ledger surface.</summary>
    public const string ApiOperator = "api-operator";

    /// <summary>An admin, by bearer only: raw writes to the ledger.</summary>
    public const string ApiAdmin = "api-admin";

    /// <summary>A bearer-only rule for the roles a command admits (<see cref="Grains.Commands.CallerRoles"/>).</summary>
    public static AuthorizationPolicy ApiRoles(params string[] roles) =>
        new AuthorizationPolicyBuilder(AccessSchemes.Bearer).RequireRole(roles).Build();

    internal static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(ConsoleOperator, policy => policy.RequireRole(AccessRoles.Admin, AccessRoles.Operator));
        options.AddPolicy(ConsoleAdmin, policy => policy.RequireRole(AccessRoles.Admin));
        options.AddPolicy(ApiOperator, ApiRoles(AccessRoles.Admin, AccessRoles.Operator));
        options.AddPolicy(ApiAdmin, ApiRoles(AccessRoles.Admin));
        // No scheme of its own: ASP.NET Core authenticates a fallback's schemes even on anonymous routes, which would hide
        // the console's session from its sign-out form (and its anti-forgery check).
        options.FallbackPolicy = new AuthorizationPolicyBuilder().AddRequirements(new UndeclaredRouteRequirement()).Build();
    }

    /// <summary>
    /// Met only where no endpoint matched (the request then ends as a 404 and runs nothing). An endpoint that reached the
    /// fallback declared no rule, and is refused whoever calls it.
    /// </summary>
    private sealed class UndeclaredRouteRequirement : AuthorizationHandler<UndeclaredRouteRequirement>, IAuthorizationRequirement
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, UndeclaredRouteRequirement requirement)
        {
            if (context.Resource is HttpContext http && http.GetEndpoint() is null)
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask;
        }
    }
}
