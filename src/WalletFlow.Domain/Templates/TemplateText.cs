using WalletFlow.Domain.ChartOfAccounts;

namespace WalletFlow.Domain.Templates;

/// <summary>A Numscript template as it is stored: its name and its text, nothing read from it.</summary>
public sealed record TemplateText(string Name, string Text)
{
    /// <summary>SHA-256 (hex) of the text: the stored copy's check, and how drift tells two versions apart.</summary>
    public string Digest => CsvText.Digest(Text);

    /// <summary>The bundled templates, by name.</summary>
    public static IReadOnlyList<TemplateText> Bundled { get; } = [.. TemplateCatalog.All.Select(t => new TemplateText(t.Name, t.Text))];

    /// <summary>One digest for a set of templates (each name with its text's digest, in name order): what the catalog audit records.</summary>
    public static string CatalogDigest(IEnumerable<TemplateText> templates) =>
        CsvText.Digest(string.Concat(templates.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => $"{t.Name}\n{t.Digest}\n")));
}
