namespace WalletFlow.ServiceDefaults;

/// <summary>The health endpoints every WalletFlow service maps (docs/architecture.md, "Observability").</summary>
public static class HealthPaths
{
    /// <summary>Readiness: every health check (the database, Redis); 200 when healthy or degraded, 503 when unhealthy.</summary>
    public const string Health = "/health";

    /// <summary>Liveness: the process serves requests (checks tagged <c>live</c> only).</summary>
    public const string Alive = "/alive";

    /// <summary>The database in detail: the connection pool's figures and a probe's latency.</summary>
    public const string Database = "/health/db";
}
