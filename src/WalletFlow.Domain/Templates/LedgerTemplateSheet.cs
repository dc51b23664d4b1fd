using WalletFlow.Domain.ChartOfAccounts;

namespace WalletFlow.Domain.Templates;

/// <summary>
/// <c>Ledger Template.csv</c>: one row per Numscript template, for the finance team to read without Numscript. Each
/// variable is written as its header documents it (<c>$wallet account wallets:*:available | suspense</c>), and the
/// GL codes are the ones the chart's event map gives the template's event type (empty when the chart has no such event).
/// </summary>
public static class LedgerTemplateSheet
{
    public const string FileName = "Ledger Template.csv";

    public static IReadOnlyList<string> Header { get; } = ["template", "event_type", "variables", "debit_gl_codes", "credit_gl_codes", "description"];

    public static string Write(IEnumerable<NumscriptTemplate> templates, AccountChart chart)
    {
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(chart);
        return CsvText.Document(Header, templates.Select(template =>
        {
            var mapping = chart.FindEvent(template.EventType);
            return new[]
            {
                template.Name,
                template.EventType,
                string.Join("; ", template.Variables.Select(Describe)),
                mapping.IsSuccess ? AccountChartLoader.Codes(mapping.Value.Debits) : string.Empty,
                mapping.IsSuccess ? AccountChartLoader.Codes(mapping.Value.Credits) : string.Empty,
                template.Description,
            };
        }));
    }

    private static string Describe(TemplateVariable variable) =>
        variable.AccountPatterns.Count == 0 ? $"${variable.Name} {variable.Type}" : $"${variable.Name} {variable.Type} {string.Join(" | ", variable.AccountPatterns)}";
}
