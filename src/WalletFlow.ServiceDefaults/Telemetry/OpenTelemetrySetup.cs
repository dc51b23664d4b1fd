using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace WalletFlow.ServiceDefaults.Telemetry;

/// <summary>
/// Traces, metrics and logs over OTLP, switched on by <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> with
/// <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> (<c>grpc</c>, the default, or <c>http/protobuf</c>) and <c>OTEL_SERVICE_NAME</c>,
/// read from configuration (environment variables included) with the standard meanings: for http/protobuf the
/// endpoint is a base to which each signal's path is added. Without an endpoint nothing is collected: no exporter,
/// no cost. The providers are built with the bare SDK because the hosting and instrumentation packages are missing.
/// </summary>
internal static class OpenTelemetrySetup
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ProtocolVariable = "OTEL_EXPORTER_OTLP_PROTOCOL";

    public static void Add(IHostApplicationBuilder builder, string serviceName)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[EndpointVariable]))
        {
            return;
        }

        var endpoint = new Uri(builder.Configuration[EndpointVariable]!);
        var protocol = builder.Configuration[ProtocolVariable] switch
        {
            null or "" or "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            var other => throw new InvalidOperationException($"{ProtocolVariable} '{other}' is not supported: use grpc or http/protobuf."),
        };

        void Configure(OtlpExporterOptions options, string signalPath)
        {
            options.Protocol = protocol;
            options.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf ? new Uri(endpoint, endpoint.AbsolutePath.TrimEnd('/') + signalPath) : endpoint;
        }

        var resource = ResourceBuilder.CreateDefault().AddService(
            serviceName: builder.Configuration["OTEL_SERVICE_NAME"] ?? serviceName,
            serviceVersion: typeof(OpenTelemetrySetup).Assembly.GetName().Version?.ToString());

        var tracerProvider = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(WalletFlowTelemetry.FrameworkActivitySources)
            .AddSource($"{WalletFlowTelemetry.SourcePrefix}.*")
            .AddOtlpExporter(options => Configure(options, "/v1/traces"))
            .Build();

        var meterProvider = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(WalletFlowTelemetry.FrameworkMeters)
            .AddMeter($"{WalletFlowTelemetry.SourcePrefix}.*")
            .AddOtlpExporter((options, reader) =>
            {
                Configure(options, "/v1/metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 5_000;
            })
            .Build();

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.SetResourceBuilder(resource);
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
            logging.AddOtlpExporter(options => Configure(options, "/v1/logs"));
        });

        builder.Services.AddHostedService(services => new TelemetryFlusher(tracerProvider, meterProvider, services.GetRequiredService<LoggerProvider>()));
    }

    /// <summary>Flushes and disposes the providers when the host stops, so the last spans and figures are exported.</summary>
    private sealed class TelemetryFlusher(TracerProvider tracerProvider, MeterProvider meterProvider, LoggerProvider loggerProvider) : IHostedService, IDisposable
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            tracerProvider.ForceFlush(5_000);
            meterProvider.ForceFlush(5_000);
            loggerProvider.ForceFlush(5_000);
            return Task.CompletedTask;
        }

        public void Dispose()
        {
            tracerProvider.Dispose();
            meterProvider.Dispose();
        }
    }
}
