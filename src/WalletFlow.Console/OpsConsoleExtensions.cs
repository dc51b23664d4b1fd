using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using WalletFlow.Console.Access;
using WalletFlow.Console.Components;
using WalletFlow.Console.Ledger;

namespace WalletFlow.Console;

/// <summary>Mounts the /ops console in the host's own process: its pages call the host's services directly.</summary>
public static class OpsConsoleExtensions
{
    public static IServiceCollection AddOpsConsole(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddCascadingAuthenticationState();
        services.AddOpsAccess();
        services.AddSingleton<LedgerFigures>();
        services.AddSingleton<Commands.CommandFigures>();
        return services;
    }

    /// <summary>Static server rendering: every page is HTML from the server; no client framework, no CDN.</summary>
    public static IEndpointRouteBuilder MapOpsConsole(this WebApplication app)
    {
        // Resolved now so a Production host without AUTH_TOKEN stops at startup with the reason, not at the first request.
        app.Services.GetRequiredService<ConsoleAccessMode>();

        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(typeof(OpsConsoleExtensions).Assembly, "WalletFlow.Console.wwwroot"),
            RequestPath = OpsPaths.Root,
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapSessionEndpoints();
        app.MapLedgerExportEndpoints();
        app.MapRazorComponents<App>().RequireAuthorization(OpsRoles.AnyOperatorPolicy);
        return app;
    }
}
