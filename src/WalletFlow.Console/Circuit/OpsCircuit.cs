using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using WalletFlow.Access;

namespace WalletFlow.Console.Circuit;

/// <summary>
/// The console's live circuit (InteractiveServer), for the pages that mark themselves <c>@rendermode InteractiveServer</c>.
/// Everything it needs lives under /ops, behind the pages' own rule: Blazor's hub (moved from the site root) and its
/// script, so the session cookie (path /ops) and the console's schemes answer them as they answer the pages.
/// </summary>
internal static class OpsCircuit
{
    private const string RootHub = "/_blazor";
    private const string ScriptFile = "blazor.web.js";

    public static void AddOpsCircuit(this IRazorComponentsBuilder components)
    {
        components.AddInteractiveServerComponents();
        // A circuit keeps the principal it connected with: this re-asks the allowlists as every request of a page does.
        components.Services.AddScoped<AuthenticationStateProvider, CircuitRevalidation>();
    }

    /// <summary>
    /// The hub's endpoints, which Blazor maps at <c>/_blazor</c> with no option for another path, are moved under /ops
    /// before they are built: the convention sees every endpoint of the components' data source, and the pages' rule
    /// (<c>RequireAuthorization</c>) applies to the hub's as to any other of them.
    /// </summary>
    public static RazorComponentsEndpointConventionBuilder MapOpsCircuit(this RazorComponentsEndpointConventionBuilder components, IEndpointRouteBuilder endpoints)
    {
        components.AddInteractiveServerRenderMode();
        components.Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder route && route.RoutePattern.RawText is { } raw
                && (raw == RootHub || raw.StartsWith(RootHub + "/", StringComparison.Ordinal)))
            {
                route.RoutePattern = RoutePatternFactory.Parse(OpsPaths.Hub + raw[RootHub.Length..]);
            }

            // The hub's connection options (the negotiate endpoint carries the instance its connections use): a session
            // ends 12 hours after sign-in, and an open circuit makes no request that would notice, so the connection is
            // closed when the session's ticket expires and reconnecting needs a session again.
            foreach (var options in endpoint.Metadata.OfType<HttpConnectionDispatcherOptions>())
            {
                options.CloseOnAuthenticationExpiration = true;
            }
        });

        // Served by an endpoint rather than the static files, so that it takes the pages' rule too: only a signed-in
        // operator's browser has a circuit to start.
        var script = new EmbeddedFileProvider(typeof(OpsCircuit).Assembly, "WalletFlow.Console.framework").GetFileInfo(ScriptFile);
        endpoints.MapGet(OpsPaths.BlazorScript, (HttpContext context) =>
            {
                context.Response.Headers.CacheControl = "private, no-cache";
                return Results.File(script.CreateReadStream(), "text/javascript", lastModified: script.LastModified);
            })
            .RequireAuthorization(AccessPolicies.ConsoleOperator);
        return components;
    }

    /// <summary>Whether the page of this request runs in a circuit: only those pages load Blazor's script.</summary>
    public static bool IsLive(HttpContext? context) =>
        context?.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type.GetCustomAttribute<RenderModeAttribute>()?.Mode is InteractiveServerRenderMode;
}
