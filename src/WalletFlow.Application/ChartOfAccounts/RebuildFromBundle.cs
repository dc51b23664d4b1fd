using WalletFlow.Application.Commands;
using WalletFlow.Domain.ChartOfAccounts;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Templates;

namespace WalletFlow.Application.ChartOfAccounts;

/// <summary>
/// rebuild-coa and rebuild-templates: store the bundled chart of accounts (GL lines, address mappings, event mappings)
/// or the bundled Numscript templates in place of the stored ones, admins only. Idempotent: a second run finds them
/// already stored, changes nothing and says so; every run is audited under the caller's name.
/// </summary>
public sealed class RebuildFromBundle(IChartCatalogStore store, TimeProvider time)
{
    public const string ChartName = "rebuildChart";
    public const string TemplatesName = "rebuildTemplates";

    public Task<Result<CatalogChange>> RebuildChartAsync(Caller caller, CancellationToken cancellationToken) =>
        RunAsync(caller, ChartName, CatalogActions.RebuildChart, entry => store.StoreChartAsync(AccountChart.Bundled, entry, cancellationToken));

    public Task<Result<CatalogChange>> RebuildTemplatesAsync(Caller caller, CancellationToken cancellationToken) =>
        RunAsync(caller, TemplatesName, CatalogActions.RebuildTemplates, entry => store.StoreTemplatesAsync(TemplateText.Bundled, entry, cancellationToken));

    private async Task<Result<CatalogChange>> RunAsync(Caller caller, string operation, string action, Func<CatalogEntry, Task<CatalogChange>> store)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return CommandAuthorization.Check(caller, operation, CallerRoles.Admin) is { } forbidden
            ? forbidden
            : await store(new CatalogEntry(action, caller.Name, time.GetUtcNow()));
    }
}
