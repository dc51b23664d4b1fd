using WalletFlow.Domain.ChartOfAccounts;
using WalletFlow.Domain.Templates;

namespace WalletFlow.Application.ChartOfAccounts;

internal enum Difference
{
    Missing,
    Extra,
    Changed,
}

/// <summary>The sentences of a drift check, counted by kind as they are added.</summary>
internal sealed class DriftList
{
    private readonly List<string> _sentences = [];
    private readonly Dictionary<Difference, int> _counts = new() { [Difference.Missing] = 0, [Difference.Extra] = 0, [Difference.Changed] = 0 };

    public void Add(Difference kind, string sentence)
    {
        _sentences.Add(sentence);
        _counts[kind]++;
    }

    public int Count => _sentences.Count;

    public ChartDrift ToDrift(int templateDifferences) =>
        new([.. _sentences], _counts[Difference.Missing], _counts[Difference.Extra], _counts[Difference.Changed], templateDifferences);
}

/// <summary>
/// Compares the stored catalog with the bundled one, item by item under a key (GL code, pattern, event type, template
/// name), so a difference is said about the line a person would fix. Mappings are compared as a set: overlapping
/// patterns are refused, so their order never decides a classification.
/// </summary>
internal static class ChartComparison
{
    public static void Compare(DriftList drift, AccountChart? stored, AccountChart bundled)
    {
        Compare(drift, "GL account", stored?.Accounts ?? [], bundled.Accounts, a => a.Code, a => $"{a.Code} ({a.Name})", (s, b) =>
        [
            Field("name", s.Name, b.Name),
            Field("class", s.Class.ToString(), b.Class.ToString()),
            Field("normal balance", s.NormalBalance.ToString(), b.NormalBalance.ToString()),
            Field("description", s.Description, b.Description),
        ]);
        Compare(drift, "Address pattern", stored?.Mappings ?? [], bundled.Mappings, m => m.Pattern.Text, m => $"'{m.Pattern.Text}' (GL {m.Account.Code})", (s, b) =>
        [
            Field("GL code", s.Account.Code, b.Account.Code),
        ]);
        Compare(drift, "Event type", stored?.Events ?? [], bundled.Events, e => e.EventType, e => e.EventType, (s, b) =>
        [
            Field("debit GL codes", Codes(s.Debits), Codes(b.Debits)),
            Field("credit GL codes", Codes(s.Credits), Codes(b.Credits)),
            Field("description", s.Description, b.Description),
        ]);
    }

    public static void Compare(DriftList drift, IReadOnlyList<TemplateText> stored, IReadOnlyList<TemplateText> bundled) =>
        Compare(drift, "Template", stored, bundled, t => t.Name, t => t.Name, (s, b) =>
        [
            s.Digest == b.Digest ? null : $"the stored text (sha256 {s.Digest[..12]}…) is not the bundled one (sha256 {b.Digest[..12]}…)",
        ]);

    private static void Compare<T>(
        DriftList drift, string kind, IReadOnlyList<T> stored, IReadOnlyList<T> bundled, Func<T, string> key, Func<T, string> label, Func<T, T, string?[]> fields)
    {
        var storedByKey = stored.ToDictionary(key, StringComparer.Ordinal);
        var bundledKeys = bundled.Select(key).ToHashSet(StringComparer.Ordinal);
        foreach (var item in bundled)
        {
            if (!storedByKey.TryGetValue(key(item), out var copy))
            {
                drift.Add(Difference.Missing, $"{kind} {label(item)} is bundled but not stored.");
            }
            else if (fields(copy, item).OfType<string>().ToList() is { Count: > 0 } differences)
            {
                drift.Add(Difference.Changed, $"{kind} {label(item)} differs: {string.Join("; ", differences)}.");
            }
        }

        foreach (var item in stored.Where(item => !bundledKeys.Contains(key(item))))
        {
            drift.Add(Difference.Extra, $"{kind} {label(item)} is stored but not bundled.");
        }
    }

    private static string? Field(string name, string stored, string bundled) => stored == bundled ? null : $"{name} is '{stored}' stored, '{bundled}' bundled";

    private static string Codes(IEnumerable<GlAccount> accounts) => string.Join(';', accounts.Select(a => a.Code));
}
