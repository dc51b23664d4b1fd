using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Application.ChartOfAccounts;

namespace WalletFlow.Persistence.ChartOfAccounts;

/// <summary>The stored catalog and the use cases over it: the loaded chart and its drift (the reconciliation gate reads <see cref="ChartCatalog"/>), uploads and rebuilds.</summary>
internal static class ChartCatalogServices
{
    public static IServiceCollection AddChartCatalog(this IServiceCollection services)
    {
        services.AddSingleton<IChartCatalogStore, PostgresChartCatalogStore>();
        services.AddSingleton<ChartCatalog>();
        services.AddSingleton<IngestChart>();
        services.AddSingleton<RebuildFromBundle>();
        return services;
    }
}
