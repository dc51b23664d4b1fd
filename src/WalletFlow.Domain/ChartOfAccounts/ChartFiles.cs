using System.Text;

namespace WalletFlow.Domain.ChartOfAccounts;

/// <summary>
/// The three chart files as uploaded, undecoded: their encoding is checked with the rest of them, so a file saved in
/// Latin-1 is refused where its first non-UTF-8 byte is instead of loading with replacement characters.
/// </summary>
public sealed record ChartFiles(byte[] GlAccounts, byte[] AccountMap, byte[] EventMap)
{
    /// <summary>The chart shipped in the Domain assembly, as files.</summary>
    public static ChartFiles Bundled { get; } = new(
        Encoding.UTF8.GetBytes(EmbeddedText.Read(AccountChart.Folder, AccountChart.GlAccountsFile)),
        Encoding.UTF8.GetBytes(EmbeddedText.Read(AccountChart.Folder, AccountChart.AccountMapFile)),
        Encoding.UTF8.GetBytes(EmbeddedText.Read(AccountChart.Folder, AccountChart.EventMapFile)));

    /// <summary>The names the files go by in problems and uploads (gl_accounts.csv, account_map.csv, event_map.csv).</summary>
    public static IReadOnlyList<string> Names { get; } = [AccountChart.GlAccountsFile, AccountChart.AccountMapFile, AccountChart.EventMapFile];
}

/// <summary>The chart as its three CSV texts, written canonically so that two equal charts have one <see cref="Digest"/>.</summary>
public sealed record ChartCsv(string GlAccounts, string AccountMap, string EventMap)
{
    /// <summary>
    /// The three files written from their rows, field by field as the files have them (the GL codes of an event joined by
    /// ';'): how a chart kept as rows becomes the text <see cref="AccountChart.Load(ChartCsv)"/> reads and <see cref="Digest"/> hashes.
    /// </summary>
    public static ChartCsv FromRows(IEnumerable<string[]> glAccounts, IEnumerable<string[]> accountMap, IEnumerable<string[]> eventMap) => new(
        CsvText.Document(AccountChartLoader.GlAccountsHeader, glAccounts),
        CsvText.Document(AccountChartLoader.AccountMapHeader, accountMap),
        CsvText.Document(AccountChartLoader.EventMapHeader, eventMap));

    /// <summary>SHA-256 (hex) of the three texts: what the audit records before and after a change, and what says a rebuild has nothing to do.</summary>
    public string Digest => CsvText.Digest(string.Join('\0', GlAccounts, AccountMap, EventMap));
}

/// <summary>The outcome of reading chart files: the chart, or (with no chart) every problem found in them.</summary>
public sealed record ChartReading(AccountChart? Chart, IReadOnlyList<ChartProblem> Problems);
