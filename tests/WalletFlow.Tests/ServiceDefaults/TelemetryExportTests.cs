using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.ServiceDefaults;

public sealed class TelemetryExportTests(PostgresFixture postgres)
{
    [Fact]
    public async Task With_an_otlp_endpoint_traces_metrics_and_logs_are_exported_under_the_service_name()
    {
        await using var collector = await OtlpCollector.StartAsync();
        var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(TelemetryExportTests), new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Address,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            // Every second rather than every minute, so the test waits for figures instead of counting on the final flush.
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
            ["AUTH_TOKEN"] = WalletCoreHost.Token,
        });
        var marker = Guid.NewGuid().ToString("N");
        var client = api.CreateBearerClient(WalletCoreHost.Token);
        // A partner request, not a health probe: probes are kept out of the traces on purpose.
        using var created = new HttpRequestMessage(HttpMethod.Post, "/v1/wallets") { Content = System.Net.Http.Json.JsonContent.Create(new { merchantId = "acme", currency = "USD" }) };
        created.Headers.Add("Idempotency-Key", marker);
        var wallet = await client.SendAsync(created, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Created, wallet.StatusCode);
        api.Services.GetRequiredService<ILoggerFactory>().CreateLogger("TelemetryExportTests").LogWarning("export probe {Marker}", marker);

        // Every signal leaves in batches while the host runs (traces every five seconds): wait for each rather than race the shutdown.
        Assert.True(await collector.ReceivedAsync("/v1/logs", marker, TimeSpan.FromSeconds(30)), "the log record never reached the collector");
        Assert.True(await collector.ReceivedAsync("/v1/metrics", "db.client.connection.count", TimeSpan.FromSeconds(30)), "the pool figures never reached the collector");
        Assert.True(await collector.ReceivedAsync("/v1/traces", "/v1/wallets", TimeSpan.FromSeconds(30)), "the request's trace never reached the collector");
        await api.DisposeAsync();

        Assert.Contains("walletflow-api", collector.BodyText("/v1/traces"));
        Assert.Contains("Npgsql", collector.BodyText("/v1/traces"));
    }

    [Fact]
    public async Task Without_an_otlp_endpoint_nothing_is_exported()
    {
        await using var collector = await OtlpCollector.StartAsync();
        var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(TelemetryExportTests));
        await api.CreateClient().GetAsync("/health", TestContext.Current.CancellationToken);

        await api.DisposeAsync();

        Assert.Empty(collector.Received);
    }

    /// <summary>A minimal OTLP/HTTP receiver: it keeps every request body by path and answers 200.</summary>
    private sealed class OtlpCollector : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private OtlpCollector(WebApplication app) => _app = app;

        public ConcurrentBag<(string Path, byte[] Body)> Received { get; } = [];

        public string Address => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        public static async Task<OtlpCollector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var collector = new OtlpCollector(app);
            app.Run(async context =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                collector.Received.Add((context.Request.Path, body.ToArray()));
                context.Response.StatusCode = StatusCodes.Status200OK;
            });
            await app.StartAsync();
            return collector;
        }

        public async Task<bool> ReceivedAsync(string path, string text, TimeSpan patience)
        {
            var deadline = DateTime.UtcNow + patience;
            while (!BodyText(path).Contains(text, StringComparison.Ordinal))
            {
                if (DateTime.UtcNow > deadline)
                {
                    return false;
                }

                await Task.Delay(50);
            }

            return true;
        }

        /// <summary>The protobuf payloads' strings (names, attribute values) are UTF-8 inside the bytes.</summary>
        public string BodyText(string path) =>
            string.Join('\n', Received.Where(request => request.Path == path).Select(request => Encoding.UTF8.GetString(request.Body)));

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
