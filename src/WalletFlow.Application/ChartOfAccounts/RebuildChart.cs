using WalletFlow.Application.Commands;
using WalletFlow.Domain.ChartOfAccounts;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.ChartOfAccounts;

/// <summary>
/// rebuild-coa: stores the bundled chart of accounts (GL lines, address mappings, event mappings) in place of the stored
/// one, admins only. Idempotent: a second run finds the chart already stored, changes nothing and says so; every run is audited.
/// </summary>
public sealed class RebuildChart(IChartCatalogStore store, TimeProvider time)
{
    public const string Name = "rebuildChart";

    public async Task<Result<CatalogChange>> RunAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return CommandAuthorization.Check(caller, Name, CallerRoles.Admin) is { } forbidden
            ? forbidden
            : await store.StoreChartAsync(AccountChart.Bundled, new CatalogEntry(CatalogActions.RebuildChart, caller.Name, time.GetUtcNow()), cancellationToken);
    }
}
