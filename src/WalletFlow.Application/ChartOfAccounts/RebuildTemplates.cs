using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Templates;

namespace WalletFlow.Application.ChartOfAccounts;

/// <summary>
/// rebuild-templates: stores the bundled Numscript templates (name, text, digest) in place of the stored ones, admins
/// only. Idempotent as <see cref="RebuildChart"/>; every run is audited.
/// </summary>
public sealed class RebuildTemplates(IChartCatalogStore store, TimeProvider time)
{
    public const string Name = "rebuildTemplates";

    public async Task<Result<CatalogChange>> RunAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return CommandAuthorization.Check(caller, Name, CallerRoles.Admin) is { } forbidden
            ? forbidden
            : await store.StoreTemplatesAsync(TemplateText.Bundled, new CatalogEntry(CatalogActions.RebuildTemplates, caller.Name, time.GetUtcNow()), cancellationToken);
    }
}
