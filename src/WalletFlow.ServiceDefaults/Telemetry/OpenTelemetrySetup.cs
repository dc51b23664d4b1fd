using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace WalletFlow.ServiceDefaults.Telemetry;

/// <summary>
/// Logs, metrics and traces as Aspire's template sets them up: ASP.NET Core, HttpClient, runtime and Npgsql
/// instrumentation plus WalletFlow's own sources and meters, exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// is set (the AppHost points it at the dashboard). The standard <c>OTEL_*</c> settings apply, read from configuration,
/// so a test host can set them too. The service name is <c>OTEL_SERVICE_NAME</c> (the AppHost's resource name) or the
/// service's own.
/// </summary>
internal static class OpenTelemetrySetup
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static void Add(IHostApplicationBuilder builder, string serviceName)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]))
                {
                    resource.AddService(serviceName, serviceVersion: typeof(OpenTelemetrySetup).Assembly.GetName().Version?.ToString());
                }
            })
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(WalletFlowTelemetry.NpgsqlMeter)
                .AddMeter($"{WalletFlowTelemetry.SourcePrefix}.*"))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource($"{WalletFlowTelemetry.SourcePrefix}.*")
                // The orchestrator and load balancers ask for health every few seconds: those requests would bury the real ones.
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !IsHealthProbe(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql());

        if (!string.IsNullOrWhiteSpace(builder.Configuration[EndpointVariable]))
        {
            telemetry.UseOtlpExporter();
        }
    }

    private static bool IsHealthProbe(PathString path) =>
        path.StartsWithSegments(HealthPaths.Health, StringComparison.Ordinal) || path.StartsWithSegments(HealthPaths.Alive, StringComparison.Ordinal);
}
