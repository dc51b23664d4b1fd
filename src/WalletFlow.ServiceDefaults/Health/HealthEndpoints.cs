using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace WalletFlow.ServiceDefaults.Health;

internal static class HealthEndpoints
{
    private static readonly DateTimeOffset StartedAt = DateTimeOffset.UtcNow;

    /// <summary>
    /// <c>/health</c> is public (probes and load balancers call it); <c>/health/db</c> shows the pool's figures, so it
    /// admits only <paramref name="databaseFiguresPolicy"/>, and without one it declares no rule and the host's fallback
    /// refuses it.
    /// </summary>
    public static void Map(IEndpointRouteBuilder endpoints, string serviceName, bool hasDatabase, string? databaseFiguresPolicy)
    {
        var health = endpoints.MapGroup("/health").WithTags("Health");

        health.MapGet("", (TimeProvider time) => TypedResults.Ok(new ServiceHealth("healthy", serviceName, (time.GetUtcNow() - StartedAt).TotalSeconds)))
            .AllowAnonymous()
            .WithSummary("Liveness: the process is up and serving requests.");

        if (hasDatabase)
        {
            var figures = health.MapGet("/db", async Task<IResult> (DatabaseHealth database, CancellationToken cancellationToken) =>
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
                .WithSummary("Readiness of the database: the connection pool's figures and a probe's latency; 503 when unreachable or starved.")
                .Produces<DatabaseFigures>()
                .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
            if (databaseFiguresPolicy is not null)
            {
                figures.RequireAuthorization(databaseFiguresPolicy);
            }
        }
    }

    public sealed record ServiceHealth(string Status, string Service, double UptimeSeconds);

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
