using WalletFlow.Domain.ChartOfAccounts;
using WalletFlow.Domain.Templates;

namespace WalletFlow.Application.ChartOfAccounts;

/// <summary>
/// The loaded chart of accounts and Numscript templates: the copies stored by <see cref="IngestChart"/> and
/// <see cref="RebuildFromBundle"/>, compared with the ones bundled with the code. Commands
/// keep posting with the bundled copies (they are versioned with the code that fills their variables); the stored
/// copies are what the finance side has loaded, and <see cref="DetectDriftAsync"/> says when the two disagree.
/// </summary>
public sealed class ChartCatalog(IChartCatalogStore store)
{
    /// <summary>How many audit rows the Ledger page shows.</summary>
    public const int HistoryCount = 20;

    /// <summary>
    /// The stored chart of accounts, or <see cref="AccountChart.Bundled"/> when none is stored (a fresh environment until
    /// an admin runs rebuild-coa or uploads a chart). A stored chart that no longer loads (edited in the database past
    /// its constraints) throws: there is no loaded chart to answer with.
    /// </summary>
    public async Task<AccountChart> LoadedChartAsync(CancellationToken cancellationToken) =>
        await store.ReadChartAsync(cancellationToken) is { } stored
            ? AccountChart.Load(stored).TryGetValue(out var chart, out var error)
                ? chart
                : throw new InvalidOperationException($"The stored chart of accounts does not load: {error}")
            : AccountChart.Bundled;

    /// <summary>The stored templates, or the bundled ones when none are stored (as <see cref="LoadedChartAsync"/>).</summary>
    public async Task<IReadOnlyList<NumscriptTemplate>> LoadedTemplatesAsync(CancellationToken cancellationToken)
    {
        var stored = await store.ReadTemplatesAsync(cancellationToken);
        return stored.Count == 0
            ? TemplateCatalog.All
            : [.. stored.Select(text => TemplateCatalog.Read(text.Name, text.Text).TryGetValue(out var template, out var error)
                ? template
                : throw new InvalidOperationException($"The stored template {text.Name} does not read: {error}"))];
    }

    /// <summary>Every difference between the stored chart and templates and the bundled ones; none when they agree.</summary>
    public async Task<ChartDrift> DetectDriftAsync(CancellationToken cancellationToken)
    {
        var drift = new DriftList();
        AccountChart? storedChart = null;
        if (await store.ReadChartAsync(cancellationToken) is { } csv && !AccountChart.Load(csv).TryGetValue(out storedChart, out var broken))
        {
            // Said once, and every bundled line then counts as missing: nothing of a chart that does not load is loaded.
            drift.Add(Difference.Changed, $"The stored chart of accounts does not load: {broken.Message}");
        }

        ChartComparison.Compare(drift, storedChart, AccountChart.Bundled);
        var chartDifferences = drift.Count;
        ChartComparison.Compare(drift, await store.ReadTemplatesAsync(cancellationToken), TemplateText.Bundled);
        return drift.ToDrift(templateDifferences: drift.Count - chartDifferences);
    }

    /// <summary>
    /// How the stored templates differ from the bundled ones, alone: the reconciliation gate holds the templates to the
    /// bundle, while a loaded chart may rightly map more than the bundled one does.
    /// </summary>
    public async Task<ChartDrift> DetectTemplateDriftAsync(CancellationToken cancellationToken)
    {
        var drift = new DriftList();
        ChartComparison.Compare(drift, await store.ReadTemplatesAsync(cancellationToken), TemplateText.Bundled);
        return drift.ToDrift(templateDifferences: drift.Count);
    }

    /// <summary><c>Ledger Template.csv</c> of the loaded templates with the loaded chart's GL codes.</summary>
    public async Task<string> LedgerTemplateCsvAsync(CancellationToken cancellationToken) =>
        LedgerTemplateSheet.Write(await LoadedTemplatesAsync(cancellationToken), await LoadedChartAsync(cancellationToken));

    /// <summary>The latest <see cref="HistoryCount"/> changes of the stored catalog, newest first.</summary>
    public Task<IReadOnlyList<CatalogChange>> HistoryAsync(CancellationToken cancellationToken) => store.HistoryAsync(HistoryCount, cancellationToken);
}
