using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Application.Commands;
using WalletFlow.Application.ConsoleAccess;
using WalletFlow.Application.Controls;
using WalletFlow.Application.Fx;
using WalletFlow.Application.Outbox;
using WalletFlow.Application.Overview;
using WalletFlow.Application.Payouts;
using WalletFlow.Application.Payouts.Sagas;
using WalletFlow.Application.Reconciliation;
using WalletFlow.Application.Reporting;
using WalletFlow.Application.Statements;
using WalletFlow.Application.Tenancy;
using WalletFlow.Application.Wallets;
using WalletFlow.Application.Webhooks;
using WalletFlow.Persistence.ChartOfAccounts;
using WalletFlow.Persistence.Commands;
using WalletFlow.Persistence.ConsoleAccess;
using WalletFlow.Persistence.Controls;
using WalletFlow.Persistence.Fx;
using WalletFlow.Persistence.Outbox;
using WalletFlow.Persistence.Overview;
using WalletFlow.Persistence.Payouts;
using WalletFlow.Persistence.Reconciliation;
using WalletFlow.Persistence.Statements;
using WalletFlow.Persistence.Tenancy;
using WalletFlow.Persistence.Wallets;
using WalletFlow.Persistence.Webhooks;

namespace WalletFlow.Persistence;

/// <summary>
/// Postgres behind the application's ports. The host registers the <c>NpgsqlDataSource</c>, the <c>ILedger</c> and a
/// <see cref="TimeProvider"/>; this adds the stores and the command journal that fits the ledger.
/// </summary>
public static class PersistenceServices
{
    /// <summary>The stores, and the journal that commits a command's rows in the embedded ledger's own transaction.</summary>
    public static IServiceCollection AddPostgresPersistence(this IServiceCollection services, CommandLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        services.AddStores(ledger);
        services.AddSingleton<ICommandJournal, EmbeddedCommandJournal>();
        services.AddSingleton<PostgresReconciliationReads>();
        services.AddSingleton<IReportingReads>(provider => provider.GetRequiredService<PostgresReconciliationReads>());
        services.AddSingleton<IReconciliationReads>(provider => provider.GetRequiredService<PostgresReconciliationReads>());
        return services;
    }

    /// <summary>
    /// The stores, and the journal for a ledger outside the database (Formance): claims commit first, as pending, and a
    /// background recovery ends the commands whose process or ledger call never finished.
    /// </summary>
    public static IServiceCollection AddPostgresPersistenceForExternalLedger(this IServiceCollection services, CommandLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        services.AddStores(ledger);
        services.AddSingleton<ExternalCommandJournal>();
        services.AddSingleton<ICommandJournal>(provider => provider.GetRequiredService<ExternalCommandJournal>());
        services.AddSingleton<PendingCommandRecovery>();
        services.AddHostedService(provider => provider.GetRequiredService<PendingCommandRecovery>());
        services.AddSingleton<LedgerOutsideDatabaseReads>();
        services.AddSingleton<IReportingReads>(provider => provider.GetRequiredService<LedgerOutsideDatabaseReads>());
        services.AddSingleton<IReconciliationReads>(provider => provider.GetRequiredService<LedgerOutsideDatabaseReads>());
        return services;
    }

    private static void AddStores(this IServiceCollection services, CommandLedger ledger)
    {
        services.AddSingleton(ledger);
        services.AddSingleton<IWalletStore, PostgresWalletStore>();
        services.AddSingleton<IHoldStore, PostgresHoldStore>();
        services.AddSingleton<IPayoutSagaStore, PostgresPayoutSagaStore>();
        services.AddSingleton<FeatureFlagSnapshot>();
        services.AddHostedService(provider => provider.GetRequiredService<FeatureFlagSnapshot>());
        services.AddSingleton<IFeatureFlagStore, PostgresFeatureFlagStore>();
        services.AddSingleton<IFxQuoteStore, PostgresFxQuoteStore>();
        services.AddSingleton<ITransientFailures, PostgresTransientFailures>();
        services.AddSingleton<ICommandActivity, PostgresCommandActivity>();
        services.AddSingleton<IOutboxReads, PostgresOutboxReads>();
        services.AddSingleton<IOutboxRelayStore, PostgresOutboxRelayStore>();
        services.AddSingleton<IStatementReads, PostgresStatementReads>();
        services.AddSingleton<IStatementRebuilds, PostgresStatementRebuilds>();
        services.AddSingleton<IConsoleAllowlistStore, PostgresConsoleAllowlistStore>();
        services.AddSingleton<IWebhookReads, PostgresWebhookReads>();
        services.AddSingleton<IWebhookDeliveryStore, PostgresWebhookDeliveryStore>();
        services.AddSingleton<IReconciliationRuns, PostgresReconciliationRuns>();
        services.AddSingleton<ITenancyStore, PostgresTenancyStore>();
        services.AddChartCatalog();
    }
}
