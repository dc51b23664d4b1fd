using Microsoft.Extensions.DependencyInjection.Extensions;
using WalletFlow.Api.Fx;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Controls;
using WalletFlow.Application.Fx;
using WalletFlow.Application.Outbox;
using WalletFlow.Application.Statements;
using WalletFlow.Application.Overview;
using WalletFlow.Application.Payouts;
using WalletFlow.Application.Wallets;
using WalletFlow.Domain.Ids;
using WalletFlow.Grains.Commands;
using WalletFlow.Grains.Wallets;
using WalletFlow.Ledger;
using WalletFlow.Ledger.Embedded;
using WalletFlow.Ledger.Formance;
using WalletFlow.Persistence;
using WalletFlow.Persistence.Commands;

namespace WalletFlow.Api.WalletCore;

/// <summary>Wires the wallet core: the ledger, the journal and stores over Postgres (WalletFlow.Persistence), the grains' services, and every registry handler.</summary>
public static class WalletCoreServices
{
    /// <summary>The named HTTP client of the Formance ledger, so a host (or a test) can configure its handler.</summary>
    public const string FormanceClientName = "formance-ledger";

    public static IHostApplicationBuilder AddWalletCore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = WalletCoreOptions.From(builder.Configuration);
        services.AddSingleton(options);
        services.AddSingleton(options.Flags);
        services.TryAddSingleton(TimeProvider.System);
        if (options.ExternalLedgerUrl is { } url)
        {
            services.AddHttpClient(FormanceClientName, client =>
            {
                if (options.ExternalLedgerToken is { } token)
                {
                    client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                }
            });
            services.AddSingleton<ILedger>(provider => new FormanceLedger(
                provider.GetRequiredService<IHttpClientFactory>().CreateClient(FormanceClientName), new FormanceLedgerOptions(url), provider.GetRequiredService<TimeProvider>()));
            services.AddPostgresPersistenceForExternalLedger(new CommandLedger(options.LedgerName));
        }
        else
        {
            services.AddSingleton<EmbeddedLedger>();
            services.AddSingleton<ILedger>(provider => provider.GetRequiredService<EmbeddedLedger>());
            services.AddPostgresPersistence(new CommandLedger(options.LedgerName));
        }

        services.AddHostedService<EnsureLedgerOnStartup>();

        services.AddSingleton<FeatureFlagPolicy>();
        services.AddSingleton<IFxRates>(new ConfiguredFxRates(builder.Configuration));
        services.AddSingleton(ConfiguredFxRates.QuoteOptions(builder.Configuration));
        services.AddSingleton<FxQueries>();
        services.AddSingleton<FeatureFlagQueries>();
        services.AddSingleton<OutboxQueries>();

        services.AddSingleton<WalletGrainMetrics>();
        services.AddSingleton<CommitPipeline>();
        services.AddSingleton<CommandMetrics>();
        services.AddSingleton<ICommandCommitter, GrainCommitter>();
        services.AddSingleton<CommandExecutor>();
        services.AddSingleton(provider => new WalletQueries(
            provider.GetRequiredService<IWalletStore>(), provider.GetRequiredService<IHoldStore>(), provider.GetRequiredService<ICommandJournal>(),
            provider.GetRequiredService<IStatementReads>(), provider.GetRequiredService<ILedger>(), options.LedgerName));
        services.AddSingleton(provider => new OverviewQueries(
            provider.GetRequiredService<ICommandActivity>(), provider.GetRequiredService<CommandMetrics>(), provider.GetRequiredService<ILedger>(),
            options.LedgerName, provider.GetRequiredService<TimeProvider>()));
        foreach (var command in CommandRegistry.All)
        {
            services.AddSingleton(command.HandlerType);
        }

        return builder;
    }
}
