using WalletFlow.Domain.ChartOfAccounts;
using WalletFlow.Domain.Templates;

namespace WalletFlow.Tests.Domain.Templates;

public sealed class LedgerTemplateSheetTests
{
    private static readonly IReadOnlyList<IReadOnlyList<string>> Rows = Read(LedgerTemplateSheet.Write(TemplateCatalog.All, AccountChart.Bundled));

    private static List<IReadOnlyList<string>> Read(string csv)
    {
        var problems = new List<ChartProblem>();
        var records = CsvReader.Read(csv, LedgerTemplateSheet.FileName, LedgerTemplateSheet.Header, problems)!;
        Assert.Empty(problems);
        return [.. records.Select(r => r.Fields)];
    }

    [Fact]
    public void The_sheet_has_its_header_and_a_row_per_template()
    {
        Assert.Equal(LedgerTemplateSheet.Header, Rows[0]);
        Assert.Equal(TemplateCatalog.All.Select(t => t.Name), Rows.Skip(1).Select(r => r[0]));
    }

    [Fact]
    public void A_row_gives_the_variables_with_their_types_and_address_patterns_and_the_gl_codes_of_its_event()
    {
        var payin = Rows.Single(r => r[0] == "payin");

        Assert.Equal("payin", payin[1]);
        Assert.Equal("$amount monetary; $bank account banks:*:*; $wallet account wallets:*:available | suspense", payin[2]);
        Assert.Equal(("1010", "2010;2090"), (payin[3], payin[4]));
        Assert.StartsWith("Pay-in: money paid in from outside.", payin[5], StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_whose_event_the_chart_lacks_has_no_gl_codes()
    {
        var chart = AccountChart.Load(
            "gl_code,name,class,normal_balance,description\n1010,Cash,asset,debit,x\n",
            "pattern,gl_code\nbanks:*:*,1010\n",
            "event_type,debit_gl_codes,credit_gl_codes,description\nother,1010,1010,x\n").Value;

        var payin = Read(LedgerTemplateSheet.Write([TemplateCatalog.Find("payin").Value], chart))[1];

        Assert.Equal(("", ""), (payin[3], payin[4]));
    }
}
