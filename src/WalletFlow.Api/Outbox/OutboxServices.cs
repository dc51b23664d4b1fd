using WalletFlow.Application.Outbox;
using WalletFlow.Application.Statements;
using WalletFlow.Ledger;
using WalletFlow.Api.WalletCore;
using WalletFlow.ServiceDefaults.Redis;

namespace WalletFlow.Api.Outbox;

/// <summary>
/// The outbox relay and the statement model it writes: the services the workers and the tests drive, the workers (the
/// relay and the rebuild, both on by <c>Outbox__RelayEnabled</c>), the metrics, and the live feed of the console's pages:
/// over Redis between every replica when Redis is configured, within this process otherwise.
/// </summary>
public static class OutboxServices
{
    public static IHostApplicationBuilder AddOutboxRelay(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(OutboxRelayOptions.Section).Get<OutboxRelayOptions>() ?? new OutboxRelayOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(provider => new OutboxRelay(
            provider.GetRequiredService<IOutboxRelayStore>(), provider.GetRequiredService<IOutboxReads>(), provider.GetRequiredService<ILedger>(),
            provider.GetRequiredService<WalletCoreOptions>().LedgerName, provider.GetServices<IEventFeed>(), provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<OutboxRelay>>()));
        builder.Services.AddSingleton<OutboxMetrics>();
        builder.Services.AddSingleton(provider => new StatementRebuilder(
            provider.GetRequiredService<IStatementRebuilds>(), provider.GetRequiredService<ILedger>(), provider.GetRequiredService<WalletCoreOptions>().LedgerName,
            provider.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<StatementQueries>();
        if (!string.IsNullOrWhiteSpace(builder.Configuration[$"ConnectionStrings:{RedisRegistration.ConnectionName}"]))
        {
            builder.Services.AddSingleton<IEventFeed, RedisEventFeed>();
            builder.Services.AddHostedService<RedisEventSubscriber>();
        }
        else
        {
            builder.Services.AddSingleton<IEventFeed, InProcessEventFeed>();
        }

        if (options.RelayEnabled)
        {
            builder.Services.AddHostedService<OutboxRelayWorker>();
            builder.Services.AddHostedService<StatementRebuildWorker>();
        }

        return builder;
    }
}
