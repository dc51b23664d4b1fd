using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using WalletFlow.ServiceDefaults.Health;
using WalletFlow.ServiceDefaults.Problems;
using WalletFlow.ServiceDefaults.Telemetry;

namespace WalletFlow.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// What Aspire's template gives a service (OpenTelemetry, a liveness check, service discovery, the standard
    /// resilience handler on every outgoing HttpClient), plus problem+json for every error and a <see cref="TimeProvider"/>.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        OpenTelemetrySetup.Add(builder, serviceName);
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [HealthEndpoints.LiveTag]);
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            // Outgoing calls that move money (the Formance ledger, payout providers) carry idempotency keys, so a retry is safe.
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        ProblemDetailsSetup.Add(builder.Services);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DatabaseHealth>();
        builder.Services.AddSingleton(new ServiceIdentity(serviceName));
        return builder;
    }

    /// <summary>
    /// The error pipeline and the health endpoints (<c>/health</c>, <c>/alive</c>, and <c>/health/db</c> for the callers
    /// <paramref name="databaseFiguresPolicy"/> admits). Call it first, so exceptions anywhere later become problem+json.
    /// </summary>
    public static WebApplication UseServiceDefaults(this WebApplication app, string? databaseFiguresPolicy = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        var hasDatabase = app.Services.GetService<NpgsqlDataSource>() is not null;
        HealthEndpoints.Map(app, app.Services.GetRequiredService<ServiceIdentity>().Name, hasDatabase, databaseFiguresPolicy);
        return app;
    }

    private sealed record ServiceIdentity(string Name);
}
