using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using WalletFlow.Access;
using WalletFlow.Console.Access;
using WalletFlow.Console.Components;
using WalletFlow.Console.Ledger;

namespace WalletFlow.Console;

/// <summary>Mounts the /ops console in the host's own process: its pages call the host's services directly.</summary>
public static class OpsConsoleExtensions
{
    /// <summary>The console's components and services; its sign-in schemes join <paramref name="authentication"/>, the host's.</summary>
    public static IServiceCollection AddOpsConsole(this IServiceCollection services, AuthenticationBuilder authentication)
    {
        services.AddRazorComponents();
        services.AddCascadingAuthenticationState();
        authentication.AddOpsAccess();
        services.Configure<AccessOptions>(options => options.ConsolePath = OpsPaths.Root);
        services.AddSingleton<LedgerFigures>();
        services.AddSingleton<Commands.CommandFigures>();
        return services;
    }

    /// <summary>Static server rendering: every page is HTML from the server; no client framework, no CDN.</summary>
    public static IEndpointRouteBuilder MapOpsConsole(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(typeof(OpsConsoleExtensions).Assembly, "WalletFlow.Console.wwwroot"),
            RequestPath = OpsPaths.Root,
        });
        app.UseAntiforgery();
        app.MapSessionEndpoints();
        app.MapLedgerExportEndpoints();
        app.MapRazorComponents<App>().RequireAuthorization(AccessPolicies.ConsoleOperator);
        return app;
    }
}
