using WalletFlow.Domain.Errors;

namespace WalletFlow.Domain.ChartOfAccounts;

/// <summary>
/// Reads the three chart files and refuses a chart with any problem in it, listing them all with file and line:
/// a chart that is almost right would classify some account wrongly, and no one would notice until reconciliation.
/// </summary>
internal static class AccountChartLoader
{
    private const char CodeSeparator = ';';

    private static readonly string[] GlAccountsHeader = ["gl_code", "name", "class", "normal_balance", "description"];
    private static readonly string[] AccountMapHeader = ["pattern", "gl_code"];
    private static readonly string[] EventMapHeader = ["event_type", "debit_gl_codes", "credit_gl_codes", "description"];

    public static Result<AccountChart> Load(string glAccountsCsv, string accountMapCsv, string eventMapCsv)
    {
        var problems = new List<string>();
        var accounts = ReadAccounts(glAccountsCsv, problems);
        var mappings = ReadMappings(accountMapCsv, accounts, problems);
        var events = ReadEvents(eventMapCsv, accounts, problems);

        return problems.Count == 0
            ? new AccountChart([.. accounts.Values], mappings, events)
            : new Error(ErrorCodes.ChartInvalid, $"The chart of accounts is invalid: {string.Join("; ", problems)}.");
    }

    private static Dictionary<string, GlAccount> ReadAccounts(string csv, List<string> problems)
    {
        const string file = AccountChart.GlAccountsFile;
        var accounts = new Dictionary<string, GlAccount>(StringComparer.Ordinal);
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in Rows(csv, file, GlAccountsHeader, problems))
        {
            var (code, name, classText, balanceText, description) = (record.Fields[0], record.Fields[1], record.Fields[2], record.Fields[3], record.Fields[4]);
            var problemCount = problems.Count;
            if (code.Length == 0 || !code.All(char.IsAsciiDigit))
            {
                problems.Add($"{file} line {record.Line}: GL code '{code}' is not a number");
            }
            else if (lines.TryGetValue(code, out var firstLine))
            {
                problems.Add($"{file} line {record.Line}: duplicate GL code {code} (first on line {firstLine})");
            }

            if (name.Length == 0)
            {
                problems.Add($"{file} line {record.Line}: GL code {code} has no name");
            }

            var accountClass = ParseClass(classText);
            var normalBalance = ParseNormalBalance(balanceText);
            if (accountClass is null)
            {
                problems.Add($"{file} line {record.Line}: unknown account class '{classText}' (asset, liability, equity, revenue, expense)");
            }

            if (normalBalance is null)
            {
                problems.Add($"{file} line {record.Line}: unknown normal balance '{balanceText}' (debit, credit)");
            }
            else if (accountClass is { } known && AccountClasses.NormalBalanceOf(known) != normalBalance)
            {
                problems.Add($"{file} line {record.Line}: {classText} accounts have a {Lower(AccountClasses.NormalBalanceOf(known))} normal balance, not {balanceText}");
            }

            lines.TryAdd(code, record.Line);
            if (problems.Count == problemCount)
            {
                accounts[code] = new GlAccount(code, name, accountClass!.Value, normalBalance!.Value, description);
            }
        }

        return accounts;
    }

    private static List<AccountMapping> ReadMappings(string csv, Dictionary<string, GlAccount> accounts, List<string> problems)
    {
        const string file = AccountChart.AccountMapFile;
        var mappings = new List<(AccountMapping Mapping, int Line)>();
        foreach (var record in Rows(csv, file, AccountMapHeader, problems))
        {
            var (patternText, code) = (record.Fields[0], record.Fields[1]);
            var pattern = AddressPattern.Parse(patternText);
            if (!pattern.IsSuccess)
            {
                problems.Add($"{file} line {record.Line}: {pattern.Error.Message.TrimEnd('.')}");
                continue;
            }

            if (!accounts.TryGetValue(code, out var account))
            {
                problems.Add($"{file} line {record.Line}: pattern '{patternText}' maps to GL code '{code}', which is not in {AccountChart.GlAccountsFile}");
                continue;
            }

            foreach (var (earlier, earlierLine) in mappings)
            {
                if (earlier.Pattern.Overlaps(pattern.Value, out var example))
                {
                    problems.Add($"{file} line {record.Line}: pattern '{patternText}' overlaps '{earlier.Pattern}' on line {earlierLine}; both match '{example}'");
                }
            }

            mappings.Add((new AccountMapping(pattern.Value, account), record.Line));
        }

        return [.. mappings.Select(m => m.Mapping)];
    }

    private static List<EventGlMapping> ReadEvents(string csv, Dictionary<string, GlAccount> accounts, List<string> problems)
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
                problems.Add($"{file} line {record.Line}: event type '{eventType}' is not lowercase letters and '_'");
            }
            else if (!lines.TryAdd(eventType, record.Line))
            {
                problems.Add($"{file} line {record.Line}: duplicate event type {eventType} (first on line {lines[eventType]})");
            }

            var debits = ReadCodes(record.Fields[1], "debit", eventType, accounts, problems, file, record.Line);
            var credits = ReadCodes(record.Fields[2], "credit", eventType, accounts, problems, file, record.Line);
            if (problems.Count == problemCount)
            {
                events.Add(new EventGlMapping(eventType, debits, credits, record.Fields[3]));
            }
        }

        return events;
    }

    private static List<GlAccount> ReadCodes(
        string text, string side, string eventType, Dictionary<string, GlAccount> accounts, List<string> problems, string file, int line)
    {
        var found = new List<GlAccount>();
        if (text.Length == 0)
        {
            problems.Add($"{file} line {line}: event type {eventType} has no {side} GL codes");
            return found;
        }

        foreach (var code in text.Split(CodeSeparator))
        {
            if (accounts.TryGetValue(code, out var account))
            {
                found.Add(account);
            }
            else
            {
                problems.Add($"{file} line {line}: event type {eventType} names {side} GL code '{code}', which is not in {AccountChart.GlAccountsFile}");
            }
        }

        return found;
    }

    /// <summary>The data records of a file whose header and field counts are right; problems for the rest.</summary>
    private static IEnumerable<CsvRecord> Rows(string csv, string file, string[] header, List<string> problems)
    {
        var read = CsvReader.Read(csv, file);
        if (!read.TryGetValue(out var records, out var error))
        {
            problems.Add(error.Message.TrimEnd('.'));
            return [];
        }

        if (records.Count == 0 || !records[0].Fields.SequenceEqual(header, StringComparer.Ordinal))
        {
            problems.Add($"{file} line 1: the header must be {string.Join(',', header)}");
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
                problems.Add($"{file} line {record.Line}: {record.Fields.Count} fields where the header has {header.Length}");
            }
        }

        return rows;
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

    private static string Lower(NormalBalance balance) => balance == NormalBalance.Debit ? "debit" : "credit";
}
