using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using WalletFlow.ServiceDefaults.Health;
using WalletFlow.ServiceDefaults.Problems;
using WalletFlow.ServiceDefaults.Telemetry;

namespace WalletFlow.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>Telemetry (OTLP when configured), problem+json for every error, health checks and a <see cref="TimeProvider"/>.</summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        OpenTelemetrySetup.Add(builder, serviceName);
        ProblemDetailsSetup.Add(builder.Services);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DatabaseHealth>();
        builder.Services.AddSingleton(new ServiceIdentity(serviceName));
        return builder;
    }

    /// <summary>
    /// The error pipeline and <c>/health</c>, <c>/health/db</c> (for callers <paramref name="databaseFiguresPolicy"/>
    /// admits). Call it first, so exceptions anywhere later become problem+json.
    /// </summary>
    public static WebApplication UseServiceDefaults(this WebApplication app, string? databaseFiguresPolicy = null)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        var hasDatabase = app.Services.GetService<NpgsqlDataSource>() is not null;
        HealthEndpoints.Map(app, app.Services.GetRequiredService<ServiceIdentity>().Name, hasDatabase, databaseFiguresPolicy);
        return app;
    }

    private sealed record ServiceIdentity(string Name);
}
