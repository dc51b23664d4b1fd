using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.FluentUI.AspNetCore.Components;
using WalletFlow.Access;
using WalletFlow.Access.Credentials;
using WalletFlow.Application.ConsoleAccess;
using WalletFlow.Console.Access;
using WalletFlow.Console.Circuit;
using WalletFlow.Console.Components;
using WalletFlow.Console.Ledger;
using WalletFlow.Console.Reconciliation;

namespace WalletFlow.Console;

/// <summary>Mounts the /ops console in the host's own process: its pages call the host's services directly.</summary>
public static class OpsConsoleExtensions
{
    /// <summary>
    /// The console's components and services; its sign-in schemes join <paramref name="authentication"/>, the host's.
    /// <paramref name="configuration"/> decides at registration whether Google is one of them: without its client the
    /// scheme, its callback and its form post do not exist.
    /// </summary>
    public static IServiceCollection AddOpsConsole(this IServiceCollection services, AuthenticationBuilder authentication, IConfiguration configuration)
    {
        services.AddRazorComponents().AddOpsCircuit();
        services.AddFluentUIComponents();
        services.AddCascadingAuthenticationState();
        authentication.AddOpsAccess(new GoogleSignInSettings(configuration));
        services.AddSingleton(provider => new ConsoleAllowlist(
            provider.GetRequiredService<IConsoleAllowlistStore>(),
            AllowlistSeed.From(provider.GetRequiredService<IConfiguration>(), provider.GetRequiredService<IHostEnvironment>()),
            provider.GetRequiredService<TimeProvider>()));
        services.Configure<AccessOptions>(options => options.ConsolePath = OpsPaths.Root);
        // The host announces the relayed events here (over Redis from every replica, or from its own relay alone).
        services.AddSingleton<LiveChanges>();
        return services;
    }

    /// <summary>
    /// Static server rendering: every page is HTML from the server (Fluent UI Blazor components); no CDN. A page marked
    /// <c>@rendermode InteractiveServer</c> (the Overview) then runs in a live circuit whose hub and script are under /ops.
    /// </summary>
    public static IEndpointRouteBuilder MapOpsConsole(this WebApplication app)
    {
        // Resolved now so that a malformed OPS_ALLOWED_EMAILS or OPS_ADMIN_EMAILS stops the host at start-up, naming the entry.
        app.Services.GetRequiredService<ConsoleAllowlist>();
        var assembly = typeof(OpsConsoleExtensions).Assembly;
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(assembly, "WalletFlow.Console.wwwroot"),
            RequestPath = OpsPaths.Root,
        });
        // Where Fluent UI Blazor's own files live in any Blazor app, so its module finds its siblings where it expects them.
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(assembly, "WalletFlow.Console.fluentui"),
            RequestPath = OpsPaths.FluentAssets,
        });
        app.UseAntiforgery();
        app.MapSessionEndpoints();
        if (app.Services.GetRequiredService<ConsoleAccessMode>().GoogleSignIn)
        {
            app.MapGoogleSignIn();
        }

        app.MapLedgerExportEndpoints();
        app.MapReconciliationExportEndpoints();
        app.MapChartCatalogEndpoints();
        app.MapRazorComponents<App>().MapOpsCircuit(app).RequireAuthorization(AccessPolicies.ConsoleOperator);
        return app;
    }
}
