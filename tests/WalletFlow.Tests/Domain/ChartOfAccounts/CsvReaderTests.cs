using WalletFlow.Domain.ChartOfAccounts;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Tests.Domain.ChartOfAccounts;

public sealed class CsvReaderTests
{
    private static IReadOnlyList<CsvRecord> Read(string text) => CsvReader.Read(text, "test.csv").Value;

    private static string Problem(string text) => CsvReader.Read(text, "test.csv").Error!.Message;

    [Fact]
    public void Fields_are_separated_by_commas_and_records_by_line_breaks()
    {
        var records = Read("a,b\r\nc,d\ne,f");

        Assert.Equal([["a", "b"], ["c", "d"], ["e", "f"]], records.Select(r => r.Fields));
        Assert.Equal([1, 2, 3], records.Select(r => r.Line));
    }

    [Fact]
    public void Quoted_fields_may_hold_commas_quotes_and_line_breaks()
    {
        var records = Read("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\nnext,row\n");

        Assert.Equal(["a,b", "say \"hi\"", "two\nlines"], records[0].Fields);
        Assert.Equal(3, records[1].Line);
    }

    [Fact]
    public void Empty_fields_are_kept_and_blank_lines_skipped()
    {
        var records = Read("a,,c\n\n,\n\"\"\n");

        Assert.Equal([["a", "", "c"], ["", ""], [""]], records.Select(r => r.Fields));
        Assert.Equal([1, 3, 4], records.Select(r => r.Line));
    }

    [Fact]
    public void An_unclosed_quote_is_an_error_on_the_line_the_record_starts()
    {
        var message = Problem("a,b\nc,\"open\nstill open");

        Assert.Contains("test.csv line 2: a quoted field is never closed", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quote_inside_an_unquoted_field_is_an_error() =>
        Assert.Contains("test.csv line 1: a quote inside an unquoted field", Problem("ab\"c,d"), StringComparison.Ordinal);

    [Fact]
    public void Text_after_a_closing_quote_is_an_error() =>
        Assert.Contains("test.csv line 1: unexpected 'x' after a closing quote", Problem("\"ab\"x,d"), StringComparison.Ordinal);

    [Fact]
    public void Reading_errors_are_chart_errors() =>
        Assert.Equal(ErrorCodes.ChartInvalid, CsvReader.Read("\"", "test.csv").Error?.Code);
}
