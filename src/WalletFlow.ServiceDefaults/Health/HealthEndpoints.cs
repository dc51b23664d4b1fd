using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WalletFlow.ServiceDefaults.Health;

internal static class HealthEndpoints
{
    public const string LiveTag = "live";

    private static readonly DateTimeOffset StartedAt = DateTimeOffset.UtcNow;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// <c>/health</c> runs every check and <c>/alive</c> the liveness ones, as Aspire's template maps them, in every
    /// environment (they reveal no secret, and the AppHost, the load benchmark and load balancers probe them). Both
    /// answer JSON: the overall status, the service, its uptime and each check's status. <c>/health/db</c> shows the
    /// pool's figures, so it admits only <paramref name="databaseFiguresPolicy"/>; without one it declares no rule and the
    /// host's fallback refuses it.
    /// </summary>
    public static void Map(IEndpointRouteBuilder endpoints, string serviceName, bool hasDatabase, string? databaseFiguresPolicy)
    {
        endpoints.MapHealthChecks(HealthPaths.Health, Options(serviceName, _ => true))
            .WithTags("Health").AllowAnonymous();
        endpoints.MapHealthChecks(HealthPaths.Alive, Options(serviceName, check => check.Tags.Contains(LiveTag)))
            .WithTags("Health").AllowAnonymous();

        if (hasDatabase)
        {
            var figures = endpoints.MapGet(HealthPaths.Database, async Task<IResult> (DatabaseHealth database, CancellationToken cancellationToken) =>
                {
                    var report = await database.CheckAsync(cancellationToken);
                    var figures = DatabaseFigures.From(report);
                    return report.Healthy
                        ? TypedResults.Ok(figures)
                        : TypedResults.Problem(
                            title: "The database is unavailable.",
                            detail: report.Problem,
                            statusCode: StatusCodes.Status503ServiceUnavailable,
                            extensions: new Dictionary<string, object?> { ["code"] = "UNAVAILABLE", ["database"] = figures });
                })
                .WithTags("Health")
                .WithSummary("Readiness of the database: the connection pool's figures and a probe's latency; 503 when unreachable or starved.")
                .Produces<DatabaseFigures>()
                .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
            if (databaseFiguresPolicy is not null)
            {
                figures.RequireAuthorization(databaseFiguresPolicy);
            }
        }
    }

    private static HealthCheckOptions Options(string serviceName, Func<HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        ResponseWriter = (context, report) =>
        {
            context.Response.ContentType = "application/json";
            var body = new ServiceHealth(
                Name(report.Status),
                serviceName,
                Math.Round((DateTimeOffset.UtcNow - StartedAt).TotalSeconds, 3),
                report.Entries.ToDictionary(entry => entry.Key, entry => new CheckHealth(Name(entry.Value.Status), entry.Value.Description)));
            return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
        },
    };

    private static string Name(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };

    public sealed record ServiceHealth(string Status, string Service, double UptimeSeconds, IReadOnlyDictionary<string, CheckHealth> Checks);

    public sealed record CheckHealth(string Status, string? Description);

    public sealed record PoolFigures(int Total, int Idle, int Busy, int Waiting, int Max, double Utilization);

    public sealed record DatabaseFigures(string Status, PoolFigures Pool, double? ProbeLatencyMs)
    {
        public static DatabaseFigures From(DatabaseHealthReport report) => new(
            report.Healthy ? "healthy" : "unhealthy",
            new PoolFigures(report.Pool.Total, report.Pool.Idle, report.Pool.Busy, report.Pool.Waiting, report.Pool.Max,
                Math.Round(report.Pool.Utilization, 4)),
            report.ProbeLatency is { } latency ? Math.Round(latency.TotalMilliseconds, 3) : null);
    }
}
