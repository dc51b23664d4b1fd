using WalletFlow.Domain.ChartOfAccounts;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Domain.Templates;

/// <summary>
/// The Numscript templates shipped in the Domain assembly (Templates/*.num), one per money-moving use case. The
/// ledger loads these texts; reconciliation compares what the ledger has loaded with them.
/// </summary>
public static class TemplateCatalog
{
    private const string Folder = "Templates";
    private const string Extension = ".num";

    private static readonly Lazy<IReadOnlyList<NumscriptTemplate>> Bundled = new(() =>
    [
        .. EmbeddedText.Names(Folder, Extension).Select(file =>
        {
            var name = file[..^Extension.Length];
            return Read(name, EmbeddedText.Read(Folder, file)).TryGetValue(out var template, out var error)
                ? template
                : throw new InvalidOperationException($"A bundled template is invalid: {error}");
        }),
    ]);

    /// <summary>Every bundled template, ordered by name.</summary>
    public static IReadOnlyList<NumscriptTemplate> All => Bundled.Value;

    public static Result<NumscriptTemplate> Find(string? name) =>
        All.FirstOrDefault(t => t.Name == name) is { } template
            ? template
            : new Error(ErrorCodes.TemplateUnknown, $"There is no Numscript template named '{name}'.", "template");

    /// <summary>Reads a template's header, declared variables, account literals and event type from its text.</summary>
    public static Result<NumscriptTemplate> Read(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(text);
        return TemplateReader.Read(name, text);
    }
}
