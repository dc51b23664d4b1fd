using WalletFlow.Domain.Accounts;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Domain.ChartOfAccounts;

/// <summary>
/// The loaded chart of accounts: GL lines, the address patterns that map ledger accounts onto them, and the lines
/// each event type debits and credits. Classification is strict: an address that matches no pattern is an
/// <see cref="ErrorCodes.UnclassifiedAddress"/> error, never a default line, because an account nobody can place is
/// a reconciliation failure.
/// </summary>
public sealed class AccountChart
{
    internal const string Folder = "ChartOfAccounts";
    internal const string GlAccountsFile = "gl_accounts.csv";
    internal const string AccountMapFile = "account_map.csv";
    internal const string EventMapFile = "event_map.csv";

    private static readonly Lazy<AccountChart> BundledChart = new(() =>
        Load(
            EmbeddedText.Read(Folder, GlAccountsFile),
            EmbeddedText.Read(Folder, AccountMapFile),
            EmbeddedText.Read(Folder, EventMapFile)).TryGetValue(out var chart, out var error)
            ? chart
            : throw new InvalidOperationException($"The bundled chart of accounts is invalid: {error}"));

    internal AccountChart(IReadOnlyList<GlAccount> accounts, IReadOnlyList<AccountMapping> mappings, IReadOnlyList<EventGlMapping> events)
    {
        Accounts = accounts;
        Mappings = mappings;
        Events = events;
    }

    /// <summary>The chart shipped in the Domain assembly (ChartOfAccounts/*.csv); it is validated by the test suite.</summary>
    public static AccountChart Bundled => BundledChart.Value;

    public IReadOnlyList<GlAccount> Accounts { get; }

    public IReadOnlyList<AccountMapping> Mappings { get; }

    public IReadOnlyList<EventGlMapping> Events { get; }

    /// <summary>Loads and validates a chart from the text of its three CSV files; every problem is reported with its file, line and column.</summary>
    public static Result<AccountChart> Load(string glAccountsCsv, string accountMapCsv, string eventMapCsv)
    {
        var reading = AccountChartLoader.Read(glAccountsCsv, accountMapCsv, eventMapCsv);
        return reading.Chart is { } chart
            ? chart
            : new Error(ErrorCodes.ChartInvalid, $"The chart of accounts is invalid: {string.Join("; ", reading.Problems)}.");
    }

    public static Result<AccountChart> Load(ChartCsv csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        return Load(csv.GlAccounts, csv.AccountMap, csv.EventMap);
    }

    /// <summary>
    /// Reads uploaded chart files: each must be UTF-8 and every line valid. The chart, or every problem with its file,
    /// line and column; nothing of a file is taken unless all three are right.
    /// </summary>
    public static ChartReading Read(ChartFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        return AccountChartLoader.Read(files);
    }

    /// <summary>This chart as its three CSV files, written canonically (the order it was read in, CRLF, minimal quoting).</summary>
    public ChartCsv ToCsv() => AccountChartLoader.Write(this);

    /// <summary>The GL line a ledger address belongs to.</summary>
    public Result<GlAccount> Classify(string? address)
    {
        if (!LedgerAddressGrammar.IsValid(address))
        {
            return new Error(ErrorCodes.InvalidAddress, $"'{address}' is not a ledger address.", "address");
        }

        var segments = address!.Split(LedgerAddressGrammar.Separator);
        var mapping = Mappings.FirstOrDefault(m => m.Pattern.Matches(segments));
        return mapping is not null
            ? mapping.Account
            : new Error(ErrorCodes.UnclassifiedAddress, $"'{address}' matches no pattern of the chart of accounts, so it has no GL code.", "address");
    }

    public Result<GlAccount> Classify(AccountAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return Classify(address.ToString());
    }

    public Result<EventGlMapping> FindEvent(string? eventType) =>
        Events.FirstOrDefault(e => e.EventType == eventType) is { } found
            ? found
            : Error.NotFound($"Event type '{eventType}' is not in the chart of accounts.");
}
