using WalletFlow.Domain.ChartOfAccounts;
using WalletFlow.Domain.Templates;

namespace WalletFlow.Application.ChartOfAccounts;

/// <summary>What a change to the stored catalog was: who, when, which action, and whether it changed anything.</summary>
public sealed record CatalogEntry(string Action, string Actor, DateTimeOffset At);

/// <summary>
/// An audit row of the stored catalog: one per ingest or rebuild, whether or not it changed anything. The counts are
/// what is stored after it (the chart's for a chart action, the templates' for a template action; the other kind null),
/// and the digests say what was stored before (null: nothing) and after.
/// </summary>
public sealed record CatalogChange(
    long Id,
    string Action,
    string Actor,
    DateTimeOffset At,
    bool Changed,
    int? GlAccounts,
    int? AddressMappings,
    int? EventMappings,
    int? Templates,
    string? DigestBefore,
    string DigestAfter);

/// <summary>The actions the audit records.</summary>
public static class CatalogActions
{
    public const string IngestChart = "ingest-chart";
    public const string RebuildChart = "rebuild-coa";
    public const string RebuildTemplates = "rebuild-templates";
}

/// <summary>The stored (loaded) chart of accounts and Numscript templates, and the audit of their changes.</summary>
public interface IChartCatalogStore
{
    /// <summary>The stored chart as its three files, or null when none has been stored.</summary>
    Task<ChartCsv?> ReadChartAsync(CancellationToken cancellationToken);

    /// <summary>The stored templates, by name; empty when none have been stored.</summary>
    Task<IReadOnlyList<TemplateText>> ReadTemplatesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the stored chart with <paramref name="chart"/> unless it already is that chart, and appends the audit row
    /// either way, in one transaction that a concurrent change waits for.
    /// </summary>
    Task<CatalogChange> StoreChartAsync(AccountChart chart, CatalogEntry entry, CancellationToken cancellationToken);

    /// <summary>Replaces the stored templates with <paramref name="templates"/> unless they already are those, with the audit row, as <see cref="StoreChartAsync"/>.</summary>
    Task<CatalogChange> StoreTemplatesAsync(IReadOnlyList<TemplateText> templates, CatalogEntry entry, CancellationToken cancellationToken);

    /// <summary>The latest audit rows, newest first.</summary>
    Task<IReadOnlyList<CatalogChange>> HistoryAsync(int limit, CancellationToken cancellationToken);
}
