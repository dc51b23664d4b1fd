using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Console.Components;

namespace WalletFlow.Console;

/// <summary>Mounts the /ops console in the host's own process: its pages call the host's services directly.</summary>
public static class OpsConsoleExtensions
{
    public static IServiceCollection AddOpsConsole(this IServiceCollection services)
    {
        services.AddRazorComponents();
        return services;
    }

    /// <summary>Static server rendering: every page is HTML from the server; no client framework, no CDN.</summary>
    public static IEndpointRouteBuilder MapOpsConsole(this WebApplication app)
    {
        app.UseAntiforgery();
        app.MapRazorComponents<App>();
        return app;
    }
}
