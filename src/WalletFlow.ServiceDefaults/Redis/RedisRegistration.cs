using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace WalletFlow.ServiceDefaults.Redis;

/// <summary>
/// Redis through Aspire's StackExchange.Redis client, as an accelerator and never the source of truth: a Redis that
/// is missing at start or stops later never stops the service (the client keeps reconnecting in the background), and
/// the health check reports it as degraded, not unhealthy. Without a <c>redis</c> connection string nothing is
/// registered: a standalone API runs without Redis.
/// </summary>
public static class RedisRegistration
{
    /// <summary>The Aspire connection name: the AppHost hands it over as <c>ConnectionStrings__redis</c>.</summary>
    public const string ConnectionName = "redis";

    public static IHostApplicationBuilder AddWalletFlowRedis(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrWhiteSpace(builder.Configuration[$"ConnectionStrings:{ConnectionName}"]))
        {
            return builder;
        }

        builder.AddRedisClient(
            ConnectionName,
            // Aspire's own check reports a stopped Redis as unhealthy; ours says degraded.
            settings => settings.DisableHealthChecks = true,
            options =>
            {
                options.AbortOnConnectFail = false;
                options.ConnectTimeout = (int)RedisHealthCheck.Timeout.TotalMilliseconds;
            });
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>(ConnectionName, HealthStatus.Degraded, ["ready"]);
        return builder;
    }
}
