using System.Text;
using WalletFlow.Domain.ChartOfAccounts;

namespace WalletFlow.Tests.Domain.ChartOfAccounts;

/// <summary>Uploaded chart files: every refusal located by file, line and column, and a chart read only when all three files are right.</summary>
public sealed class ChartUploadTests
{
    private const string GlAccounts = "gl_code,name,class,normal_balance,description\n1010,Cash at banks,asset,debit,Cash\n2010,Wallets,liability,credit,Owed\n9000,World,equity,credit,Outside\n";
    private const string AccountMap = "pattern,gl_code\nworld,9000\nbanks:*:*,1010\nwallets:*:available,2010\n";
    private const string EventMap = "event_type,debit_gl_codes,credit_gl_codes,description\npayin,1010,2010,\"Cash in, owed\"\n";

    private static ChartFiles Files(string glAccounts = GlAccounts, string accountMap = AccountMap, string eventMap = EventMap) =>
        new(Encoding.UTF8.GetBytes(glAccounts), Encoding.UTF8.GetBytes(accountMap), Encoding.UTF8.GetBytes(eventMap));

    private static ChartProblem Refusal(ChartFiles files)
    {
        var reading = AccountChart.Read(files);
        Assert.Null(reading.Chart);
        return Assert.Single(reading.Problems);
    }

    private static (string, int, string?) Located(ChartProblem problem) => (problem.File, problem.Line, problem.Column);

    [Fact]
    public void Valid_files_read_into_the_chart() =>
        Assert.Equal(["1010", "2010", "9000"], AccountChart.Read(Files()).Chart?.Accounts.Select(a => a.Code));

    [Fact]
    public void A_missing_column_is_refused_on_the_header_naming_it() =>
        Assert.Equal(
            new ChartProblem("gl_accounts.csv", 1, "description", "column description is missing; the header must be gl_code,name,class,normal_balance,description"),
            Refusal(Files(glAccounts: GlAccounts.Replace(",description\n", "\n", StringComparison.Ordinal))));

    [Fact]
    public void A_misnamed_column_is_refused_on_the_header() =>
        Assert.Equal(("account_map.csv", 1, "gl_code"), Located(Refusal(Files(accountMap: AccountMap.Replace("pattern,gl_code", "pattern,code", StringComparison.Ordinal)))));

    [Fact]
    public void A_line_missing_a_field_is_refused_naming_the_first_missing_column() =>
        Assert.Equal(("gl_accounts.csv", 3, "description"), Located(Refusal(Files(glAccounts: GlAccounts.Replace("credit,Owed", "credit", StringComparison.Ordinal)))));

    [Fact]
    public void An_unknown_class_is_refused_in_the_class_column() =>
        Assert.Equal(("gl_accounts.csv", 3, "class"), Located(Refusal(Files(glAccounts: GlAccounts.Replace("liability,credit", "liabilities,credit", StringComparison.Ordinal)))));

    [Fact]
    public void An_unknown_normal_balance_is_refused_in_its_column() =>
        Assert.Equal(("gl_accounts.csv", 2, "normal_balance"), Located(Refusal(Files(glAccounts: GlAccounts.Replace("asset,debit", "asset,dr", StringComparison.Ordinal)))));

    [Fact]
    public void A_duplicate_gl_code_is_refused_on_the_second_line() =>
        Assert.Equal(
            new ChartProblem("gl_accounts.csv", 5, "gl_code", "duplicate GL code 2010 (first on line 3)"),
            Refusal(Files(glAccounts: GlAccounts + "2010,Wallets again,liability,credit,Again\n")));

    [Fact]
    public void A_mapping_to_an_unknown_gl_code_is_refused_in_its_gl_code_column() =>
        Assert.Equal(("account_map.csv", 5, "gl_code"), Located(Refusal(Files(accountMap: AccountMap + "fees:*,4010\n"))));

    [Fact]
    public void An_event_naming_an_unknown_gl_code_is_refused_in_its_side_column() =>
        Assert.Equal(("event_map.csv", 2, "credit_gl_codes"), Located(Refusal(Files(eventMap: EventMap.Replace(",2010,", ",2099,", StringComparison.Ordinal)))));

    [Fact]
    public void A_file_that_is_not_utf8_is_refused_where_its_first_foreign_byte_is()
    {
        var latin1 = Files() with { GlAccounts = [.. Encoding.UTF8.GetBytes(GlAccounts), .. Encoding.Latin1.GetBytes("4010,Frais bancaires,expense,debit,Frais payés\n")] };

        var problem = Refusal(latin1);

        Assert.Equal(("gl_accounts.csv", 5, "description"), Located(problem));
        Assert.StartsWith("byte 0xE9", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_refused() =>
        Assert.Equal(("event_map.csv", 1, (string?)null), Located(Refusal(Files(eventMap: ""))));

    [Fact]
    public void A_file_of_blank_lines_is_empty_too() =>
        Assert.Equal(("account_map.csv", 1, (string?)null), Located(Refusal(Files(accountMap: "\r\n\n"))));

    [Fact]
    public void A_mapping_to_a_code_whose_own_line_was_refused_is_not_reported_again() =>
        Assert.Equal(("gl_accounts.csv", 2, "class"), Located(Refusal(Files(glAccounts: GlAccounts.Replace("asset,debit", "assets,debit", StringComparison.Ordinal)))));

    [Fact]
    public void Every_problem_of_every_file_is_reported_at_once()
    {
        var reading = AccountChart.Read(Files(glAccounts: GlAccounts.Replace("asset,debit", "asset,dr", StringComparison.Ordinal), eventMap: ""));

        Assert.Null(reading.Chart);
        Assert.Equal(["gl_accounts.csv line 2, column normal_balance", "event_map.csv line 1"],
            reading.Problems.Select(p => p.ToString().Split(':')[0]));
    }

    [Fact]
    public void The_canonical_csv_reads_back_into_an_equal_chart_with_the_same_digest()
    {
        var csv = AccountChart.Bundled.ToCsv();

        var again = AccountChart.Load(csv).Value.ToCsv();

        Assert.Equal(csv, again);
        Assert.Equal(csv.Digest, again.Digest);
        Assert.Equal(AccountChart.Bundled.ToCsv().Digest, AccountChart.Read(ChartFiles.Bundled).Chart?.ToCsv().Digest);
    }

    [Fact]
    public void A_change_to_one_description_changes_the_digest() =>
        Assert.NotEqual(
            AccountChart.Read(Files()).Chart!.ToCsv().Digest,
            AccountChart.Read(Files(glAccounts: GlAccounts.Replace("Outside", "Beyond", StringComparison.Ordinal))).Chart!.ToCsv().Digest);
}
