using System.Net.Sockets;
using System.Text;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using WalletFlow.Postgres.Embedded;

namespace WalletFlow.AppHost.Resources;

/// <summary>
/// Postgres and Redis as executable resources from Debian's binaries, each with a loopback endpoint, a health check
/// that other resources can wait for, and a connection string handed out the Aspire way (<c>ConnectionStrings__name</c>).
/// </summary>
internal static class ExecutableResources
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    /// <param name="port">A fixed loopback port, or null for one Aspire picks.</param>
    public static IResourceBuilder<PostgresExecutableResource> AddPostgresExecutable(this IDistributedApplicationBuilder builder, string name, string dataDirectory, int? port)
    {
        var location = ClusterLocation.For(dataDirectory);
        var binaries = PostgresBinaries.Locate();
        var script = Path.Combine(builder.AppHostDirectory, "Resources", "postgres-server.sh");
        var postgres = builder.AddResource(new PostgresExecutableResource(name, dataDirectory))
            // Not proxied: every ledger statement would otherwise take a detour through the orchestrator's proxy.
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: PostgresExecutableResource.EndpointName, isProxied: false)
            .WithArgs(context =>
            {
                context.Args.Add(script);
                context.Args.Add(binaries.BinDirectory);
                context.Args.Add(location.Directory);
                context.Args.Add(context.Resource is PostgresExecutableResource resource ? resource.Endpoint.Property(EndpointProperty.TargetPort) : "");
                context.Args.Add(location.OsUser ?? "");
            });

        var check = $"{name}-accepts-connections";
        builder.Services.AddHealthChecks().AddAsyncCheck(check, async cancellationToken =>
        {
            var connectionString = await postgres.Resource.ConnectionStringExpression.GetValueAsync(cancellationToken);
            var probe = new NpgsqlConnectionStringBuilder(connectionString)
            {
                Database = "postgres",
                Pooling = false,
                Timeout = (int)ProbeTimeout.TotalSeconds,
            };
            try
            {
                await using var connection = new NpgsqlConnection(probe.ConnectionString);
                await connection.OpenAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (NpgsqlException exception)
            {
                return HealthCheckResult.Unhealthy($"Postgres does not accept connections yet: {exception.Message}");
            }
        });
        return postgres.WithHealthCheck(check);
    }

    public static IResourceBuilder<RedisExecutableResource> AddRedisExecutable(this IDistributedApplicationBuilder builder, string name, string dataDirectory)
    {
        var folder = Path.Combine(dataDirectory, "redis");
        // The append-only file below is for Redis restarts within one run: a new run starts a new cluster, and the
        // silos of the last run, listed as alive in a table kept from it, would be probed until voted dead.
        var appendOnly = Path.Combine(folder, "appendonlydir");
        if (Directory.Exists(appendOnly))
        {
            Directory.Delete(appendOnly, recursive: true);
        }

        Directory.CreateDirectory(folder);
        var redis = builder.AddResource(new RedisExecutableResource(name, folder))
            .WithEndpoint(scheme: "tcp", name: RedisExecutableResource.EndpointName, isProxied: false)
            .WithArgs(context =>
            {
                var resource = (RedisExecutableResource)context.Resource;
                context.Args.Add("--port");
                context.Args.Add(resource.Endpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("--bind");
                context.Args.Add("127.0.0.1");
                // No money is in Redis, but the Orleans membership table is: after a restart that lost it, no silo could
                // be voted dead any more, and the survivors kept sending to a killed replica (docs/grains.md). The
                // append-only file keeps it; snapshots are not needed.
                context.Args.Add("--save");
                context.Args.Add("");
                context.Args.Add("--appendonly");
                context.Args.Add("yes");
                context.Args.Add("--dir");
                context.Args.Add(folder);
            });

        var check = $"{name}-answers-ping";
        builder.Services.AddHealthChecks().AddAsyncCheck(check, async cancellationToken =>
        {
            var port = int.Parse(await redis.Resource.Endpoint.Property(EndpointProperty.Port).GetValueAsync(cancellationToken) ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            return await PingAsync(port, cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("Redis does not answer PING yet.");
        });
        return redis.WithHealthCheck(check);
    }

    /// <summary>Redis's inline PING: the bytes of the protocol are enough, no client library is needed for a probe.</summary>
    private static async Task<bool> PingAsync(int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var answer = new byte[7];
            var read = await stream.ReadAtLeastAsync(answer, 5, throwOnEndOfStream: false, timeout.Token);
            return Encoding.ASCII.GetString(answer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
