namespace WalletFlow.Domain.ChartOfAccounts;

/// <summary>
/// Reads the three chart files and refuses a chart with any problem in it, listing them all with file, line and column:
/// a chart that is almost right would classify some account wrongly, and no one would notice until reconciliation.
/// </summary>
internal static class AccountChartLoader
{
    public const char CodeSeparator = ';';

    public static readonly string[] GlAccountsHeader = ["gl_code", "name", "class", "normal_balance", "description"];
    public static readonly string[] AccountMapHeader = ["pattern", "gl_code"];
    public static readonly string[] EventMapHeader = ["event_type", "debit_gl_codes", "credit_gl_codes", "description"];

    /// <summary>Decodes each file, then reads the chart; an undecodable file is reported and read no further.</summary>
    public static ChartReading Read(ChartFiles files)
    {
        var problems = new List<ChartProblem>();
        var glAccounts = CsvReader.Decode(files.GlAccounts, AccountChart.GlAccountsFile, GlAccountsHeader, problems);
        var accountMap = CsvReader.Decode(files.AccountMap, AccountChart.AccountMapFile, AccountMapHeader, problems);
        var eventMap = CsvReader.Decode(files.EventMap, AccountChart.EventMapFile, EventMapHeader, problems);
        return Read(glAccounts, accountMap, eventMap, problems);
    }

    public static ChartReading Read(string? glAccountsCsv, string? accountMapCsv, string? eventMapCsv, List<ChartProblem>? decoding = null)
    {
        var problems = decoding ?? [];
        var accounts = ReadAccounts(glAccountsCsv, problems);
        var mappings = ReadMappings(accountMapCsv, accounts, problems);
        var events = ReadEvents(eventMapCsv, accounts, problems);
        return problems.Count == 0
            ? new ChartReading(new AccountChart([.. accounts.Valid.Values], mappings, events), [])
            : new ChartReading(null, problems);
    }

    /// <summary>The chart written back as its three files, canonically: what is stored, exported and digested.</summary>
    public static ChartCsv Write(AccountChart chart) => ChartCsv.FromRows(
        chart.Accounts.Select(a => new[] { a.Code, a.Name, Lower(a.Class), Lower(a.NormalBalance), a.Description }),
        chart.Mappings.Select(m => new[] { m.Pattern.Text, m.Account.Code }),
        chart.Events.Select(e => new[] { e.EventType, Codes(e.Debits), Codes(e.Credits), e.Description }));

    public static string Codes(IEnumerable<GlAccount> accounts) => string.Join(CodeSeparator, accounts.Select(a => a.Code));

    private static GlLines ReadAccounts(string? csv, List<ChartProblem> problems)
    {
        const string file = AccountChart.GlAccountsFile;
        var problemsBefore = problems.Count;
        var accounts = new GlLines();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = Rows(csv, file, GlAccountsHeader, problems, refused => accounts.Refused.Add(refused.Fields[0]));
        accounts.Unreadable = csv is null || (rows.Count == 0 && problems.Count > problemsBefore);
        foreach (var record in rows)
        {
            var (code, name, classText, balanceText, description) = (record.Fields[0], record.Fields[1], record.Fields[2], record.Fields[3], record.Fields[4]);
            var problemCount = problems.Count;
            void Problem(string column, string reason) => problems.Add(new ChartProblem(file, record.Line, column, reason));

            if (code.Length == 0 || !code.All(char.IsAsciiDigit))
            {
                Problem("gl_code", $"GL code '{code}' is not a number");
            }
            else if (lines.TryGetValue(code, out var firstLine))
            {
                Problem("gl_code", $"duplicate GL code {code} (first on line {firstLine})");
            }

            if (name.Length == 0)
            {
                Problem("name", $"GL code {code} has no name");
            }

            var accountClass = ParseClass(classText);
            var normalBalance = ParseNormalBalance(balanceText);
            if (accountClass is null)
            {
                Problem("class", $"unknown account class '{classText}' (asset, liability, equity, revenue, expense)");
            }

            if (normalBalance is null)
            {
                Problem("normal_balance", $"unknown normal balance '{balanceText}' (debit, credit)");
            }
            else if (accountClass is { } known && AccountClasses.NormalBalanceOf(known) != normalBalance)
            {
                Problem("normal_balance", $"{classText} accounts have a {Lower(AccountClasses.NormalBalanceOf(known))} normal balance, not {balanceText}");
            }

            lines.TryAdd(code, record.Line);
            if (problems.Count == problemCount)
            {
                accounts.Valid[code] = new GlAccount(code, name, accountClass!.Value, normalBalance!.Value, description);
            }
            else
            {
                accounts.Refused.Add(code);
            }
        }

        return accounts;
    }

    private static List<AccountMapping> ReadMappings(string? csv, GlLines accounts, List<ChartProblem> problems)
    {
        const string file = AccountChart.AccountMapFile;
        var mappings = new List<(AccountMapping Mapping, int Line)>();
        foreach (var record in Rows(csv, file, AccountMapHeader, problems))
        {
            var (patternText, code) = (record.Fields[0], record.Fields[1]);
            var pattern = AddressPattern.Parse(patternText);
            if (!pattern.IsSuccess)
            {
                problems.Add(new ChartProblem(file, record.Line, "pattern", pattern.Error.Message.TrimEnd('.')));
                continue;
            }

            if (!accounts.Valid.TryGetValue(code, out var account))
            {
                if (!accounts.AlreadyReported(code))
                {
                    problems.Add(new ChartProblem(file, record.Line, "gl_code", $"pattern '{patternText}' maps to GL code '{code}', which is not in {AccountChart.GlAccountsFile}"));
                }

                continue;
            }

            foreach (var (earlier, earlierLine) in mappings)
            {
                if (earlier.Pattern.Overlaps(pattern.Value, out var example))
                {
                    problems.Add(new ChartProblem(file, record.Line, "pattern", $"pattern '{patternText}' overlaps '{earlier.Pattern}' on line {earlierLine}; both match '{example}'"));
                }
            }

            mappings.Add((new AccountMapping(pattern.Value, account), record.Line));
        }

        return [.. mappings.Select(m => m.Mapping)];
    }

    private static List<EventGlMapping> ReadEvents(string? csv, GlLines accounts, List<ChartProblem> problems)
    {
        const string file = AccountChart.EventMapFile;
        var events = new List<EventGlMapping>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in Rows(csv, file, EventMapHeader, problems))
        {
            var eventType = record.Fields[0];
            var problemCount = problems.Count;
            if (eventType.Length == 0 || !eventType.All(c => char.IsAsciiLetterLower(c) || c == '_'))
            {
                problems.Add(new ChartProblem(file, record.Line, "event_type", $"event type '{eventType}' is not lowercase letters and '_'"));
            }
            else if (!lines.TryAdd(eventType, record.Line))
            {
                problems.Add(new ChartProblem(file, record.Line, "event_type", $"duplicate event type {eventType} (first on line {lines[eventType]})"));
            }

            var debits = ReadCodes(record.Fields[1], "debit", eventType, accounts, problems, record.Line);
            var credits = ReadCodes(record.Fields[2], "credit", eventType, accounts, problems, record.Line);
            if (problems.Count == problemCount && debits.Count > 0 && credits.Count > 0)
            {
                events.Add(new EventGlMapping(eventType, debits, credits, record.Fields[3]));
            }
        }

        return events;
    }

    private static List<GlAccount> ReadCodes(string text, string side, string eventType, GlLines accounts, List<ChartProblem> problems, int line)
    {
        var column = $"{side}_gl_codes";
        var found = new List<GlAccount>();
        if (text.Length == 0)
        {
            problems.Add(new ChartProblem(AccountChart.EventMapFile, line, column, $"event type {eventType} has no {side} GL codes"));
            return found;
        }

        foreach (var code in text.Split(CodeSeparator))
        {
            if (accounts.Valid.TryGetValue(code, out var account))
            {
                found.Add(account);
            }
            else if (!accounts.AlreadyReported(code))
            {
                problems.Add(new ChartProblem(
                    AccountChart.EventMapFile, line, column, $"event type {eventType} names {side} GL code '{code}', which is not in {AccountChart.GlAccountsFile}"));
            }
        }

        return found;
    }

    /// <summary>
    /// The data records of a file whose header and field counts are right; problems for the rest, each also passed to
    /// <paramref name="refused"/>. A missing (undecodable) file has none.
    /// </summary>
    private static List<CsvRecord> Rows(string? csv, string file, string[] header, List<ChartProblem> problems, Action<CsvRecord>? refused = null)
    {
        if (csv is null || CsvReader.Read(csv, file, header, problems) is not { } records)
        {
            return [];
        }

        if (records.Count == 0)
        {
            problems.Add(new ChartProblem(file, 1, null, $"the file is empty; it must start with the header {string.Join(',', header)}"));
            return [];
        }

        if (HeaderProblem(records[0].Fields, header) is { } wrong)
        {
            problems.Add(new ChartProblem(file, 1, wrong.Column, $"{wrong.Reason}; the header must be {string.Join(',', header)}"));
            return [];
        }

        var rows = new List<CsvRecord>();
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Count == header.Length)
            {
                rows.Add(record);
            }
            else
            {
                // The first field the header has and the record lacks, or the first one too many.
                var column = CsvReader.ColumnName(header, Math.Min(record.Fields.Count, header.Length));
                problems.Add(new ChartProblem(file, record.Line, column, $"{record.Fields.Count} fields where the header has {header.Length}"));
                refused?.Invoke(record);
            }
        }

        return rows;
    }

    /// <summary>The first column of the header that is missing, misnamed or extra.</summary>
    private static (string Column, string Reason)? HeaderProblem(IReadOnlyList<string> found, string[] header)
    {
        for (var i = 0; i < Math.Max(found.Count, header.Length); i++)
        {
            if (i >= found.Count)
            {
                return (header[i], $"column {header[i]} is missing");
            }

            if (i >= header.Length)
            {
                return (CsvReader.ColumnName(header, i), $"column '{found[i]}' is not one of the chart's");
            }

            if (found[i] != header[i])
            {
                return (header[i], $"found column '{found[i]}' where {header[i]} belongs");
            }
        }

        return null;
    }

    /// <summary>
    /// The GL lines read so far. A code on a refused line, or any code when the file could not be read at all, has been
    /// reported already: a mapping naming it is not reported again, so one bad line is one problem, not one per reference.
    /// </summary>
    private sealed class GlLines
    {
        public Dictionary<string, GlAccount> Valid { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Refused { get; } = new(StringComparer.Ordinal);

        public bool Unreadable { get; set; }

        public bool AlreadyReported(string code) => Unreadable || Refused.Contains(code);
    }

    private static AccountClass? ParseClass(string text) => text switch
    {
        "asset" => AccountClass.Asset,
        "liability" => AccountClass.Liability,
        "equity" => AccountClass.Equity,
        "revenue" => AccountClass.Revenue,
        "expense" => AccountClass.Expense,
        _ => null,
    };

    private static NormalBalance? ParseNormalBalance(string text) => text switch
    {
        "debit" => NormalBalance.Debit,
        "credit" => NormalBalance.Credit,
        _ => null,
    };

    private static string Lower<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();
}
