using System.Text;
using WalletFlow.Domain.ChartOfAccounts;

namespace WalletFlow.Tests.Domain.ChartOfAccounts;

public sealed class CsvReaderTests
{
    private static readonly string[] Header = ["first", "second"];

    private static IReadOnlyList<CsvRecord> Read(string text)
    {
        var problems = new List<ChartProblem>();
        var records = CsvReader.Read(text, "test.csv", Header, problems);
        Assert.Empty(problems);
        return records!;
    }

    private static ChartProblem Problem(string text)
    {
        var problems = new List<ChartProblem>();
        Assert.Null(CsvReader.Read(text, "test.csv", Header, problems));
        return Assert.Single(problems);
    }

    private static ChartProblem DecodingProblem(byte[] bytes)
    {
        var problems = new List<ChartProblem>();
        Assert.Null(CsvReader.Decode(bytes, "test.csv", Header, problems));
        return Assert.Single(problems);
    }

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
    public void An_unclosed_quote_is_a_problem_on_the_line_the_record_starts_in_its_column() =>
        Assert.Equal(new ChartProblem("test.csv", 2, "second", "a quoted field is never closed"), Problem("a,b\nc,\"open\nstill open"));

    [Fact]
    public void A_quote_inside_an_unquoted_field_is_a_problem() =>
        Assert.Equal(("test.csv", 1, "first"), Located(Problem("ab\"c,d")));

    [Fact]
    public void Text_after_a_closing_quote_is_a_problem_past_the_header_named_by_position() =>
        Assert.Equal(new ChartProblem("test.csv", 1, "field 3", "unexpected 'x' after a closing quote"), Problem("a,b,\"ab\"x"));

    [Fact]
    public void Utf8_with_or_without_a_byte_order_mark_decodes()
    {
        var problems = new List<ChartProblem>();

        Assert.Equal("a,é", CsvReader.Decode([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("a,é")], "test.csv", Header, problems));
        Assert.Equal("a,é", CsvReader.Decode(Encoding.UTF8.GetBytes("a,é"), "test.csv", Header, problems));
        Assert.Empty(problems);
    }

    [Fact]
    public void A_latin1_byte_is_refused_on_its_line_and_in_its_column()
    {
        var problem = DecodingProblem([.. Encoding.ASCII.GetBytes("first,second\nx,caf"), 0xE9, .. Encoding.ASCII.GetBytes("\n")]);

        Assert.Equal(("test.csv", 2, "second"), Located(problem));
        Assert.Contains("byte 0xE9 at offset 18 is not UTF-8", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf16_is_refused_as_not_utf8() =>
        Assert.Equal(("test.csv", 1, "first"), Located(DecodingProblem(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("first,second")).ToArray())));

    private static (string, int, string?) Located(ChartProblem problem) => (problem.File, problem.Line, problem.Column);
}
