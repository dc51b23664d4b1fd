using WalletFlow.Ledger.Numscript.Syntax;
using static WalletFlow.Tests.Ledger.Numscript.ScriptRun;

namespace WalletFlow.Tests.Ledger.Numscript.Syntax;

public sealed class ParserTests
{
    private static ProgramSyntax Parse(string text)
    {
        var result = Parser.Parse(text);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Value;
    }

    private static SendStatement OnlySend(string text) => Assert.IsType<SendStatement>(Assert.Single(Parse(text).Statements));

    [Fact]
    public void Braced_sources_are_ordered_unless_their_first_part_is_a_portion()
    {
        Assert.IsType<InorderSource>(OnlySend("send [A 1] ( source = { @a @b } destination = @c )").Source);
        Assert.IsType<InorderSource>(OnlySend("send [A 1] ( source = { max [A 1] from @a @b } destination = @c )").Source);
        Assert.IsType<AllotmentSource>(OnlySend("send [A 1] ( source = { 1/2 from @a remaining from @b } destination = @c )").Source);
        Assert.IsType<AllotmentSource>(OnlySend("send [A 1] ( source = { remaining from @b } destination = @c )").Source);
        Assert.Empty(Assert.IsType<InorderSource>(OnlySend("send [A 1] ( source = { } destination = @c )").Source).Sources);
    }

    [Fact]
    public void Braced_destinations_are_ordered_when_they_start_with_max()
    {
        Assert.IsType<InorderDestination>(OnlySend("send [A 1] ( source = @a destination = { max [A 1] to @b remaining kept } )").Destination);
        Assert.IsType<AllotmentDestination>(OnlySend("send [A 1] ( source = @a destination = { 10% to @b remaining kept } )").Destination);
    }

    [Fact]
    public void Send_all_is_told_apart_from_a_monetary_expression()
    {
        Assert.True(OnlySend("send [USD/2 *] ( source = @a destination = @b )").SendsAll);
        var sum = OnlySend("send [USD/2 1] + [USD/2 2] ( source = @a destination = @b )");
        Assert.False(sum.SendsAll);
        Assert.IsType<InfixExpression>(sum.Sent);
    }

    [Fact]
    public void Negative_amounts_parse_inside_a_monetary()
    {
        var literal = Assert.IsType<LiteralExpression>(OnlySend("send [USD/2 -50] ( source = @a destination = @b )").Sent);
        Assert.Equal(-50, literal.Value.Integer);
    }

    [Fact]
    public void Division_binds_tighter_than_addition_and_parentheses_group()
    {
        var statement = Assert.IsType<FunctionCallStatement>(Assert.Single(Parse("set_tx_meta(\"k\", 1 + 2 / 3)").Statements));
        var sum = Assert.IsType<InfixExpression>(statement.Call.Arguments[1]);
        Assert.Equal(InfixOperator.Plus, sum.Operator);
        Assert.Equal(InfixOperator.Divide, Assert.IsType<InfixExpression>(sum.Right).Operator);

        var grouped = Assert.IsType<FunctionCallStatement>(Assert.Single(Parse("set_tx_meta(\"k\", (1 + 2) / 3)").Statements));
        Assert.Equal(InfixOperator.Divide, Assert.IsType<InfixExpression>(grouped.Call.Arguments[1]).Operator);
    }

    [Fact]
    public void Variables_resolve_to_their_declaration_slot()
    {
        var program = Parse("vars { monetary $m account $a } send $m ( source = $a destination = $b )");
        var send = Assert.IsType<SendStatement>(program.Statements[0]);
        Assert.Equal(0, Assert.IsType<VariableExpression>(send.Sent).Slot);
        Assert.Equal(1, Assert.IsType<VariableExpression>(Assert.IsType<AccountSource>(send.Source).Account).Slot);
        Assert.Equal(-1, Assert.IsType<VariableExpression>(Assert.IsType<AccountDestination>(send.Destination).Account).Slot);
    }

    [Fact]
    public void Newlines_are_optional()
    {
        Assert.Single(Parse("send [USD/2 100] ( source = { @a @b } destination = { remaining kept } )").Statements);
    }

    [Theory]
    [InlineData("send [USD/2 100] ( source = @a )", "1:32", "expected 'destination' after the source, found ')'")]
    [InlineData("send [USD/2 100] (\n  source = @a\n  destination = \n)", "4:1", "expected a value")]
    [InlineData("send [USD/2 100] ( source = @a destination = @b", "1:48", "')' to close the send statement, found the end of the script")]
    [InlineData("send [USD/2 100 ( source = @a destination = @b )", "1:17", "']' to close the amount")]
    [InlineData("send [USD/2 100] ( source = @a allowing overdraft @b destination = @c )", "1:51", "'up' after 'allowing overdraft'")]
    [InlineData("send [USD/2 100] ( source = { 1/2 from @a @b } destination = @c )", "1:46", "'from' after the portion")]
    [InlineData("send [USD/2 100] ( source = @a destination = { max [USD/2 1] to @b } )", "1:68", "'max' or 'remaining'")]
    [InlineData("send [USD/2 100] ( source = @a destination = { } )", "1:48", "a destination block needs parts")]
    [InlineData("send [USD/2 100] ( source = @a destination = { 10% @b } )", "1:52", "'to' or 'kept'")]
    [InlineData("vars { monetary } send", "1:17", "expected a variable name")]
    [InlineData("vars { monetary $m = 5 }", "1:22", "expected a function call")]
    [InlineData("send [USD/2 100] ( source = @a destination = @b ) vars { }", "1:51", "the vars block must come first")]
    [InlineData("@a", "1:1", "expected a statement")]
    [InlineData("set_tx_meta(\"k\" \"v\")", "1:17", "',' or ')'")]
    [InlineData("send [USD/2 100] ( source = oneof { @a } destination = @b )", "1:29", "experimental")]
    [InlineData("set_tx_meta(\"k\", -)", "1:19", "expected a value")]
    [InlineData("#![feature(\"experimental-oneof\") send", "1:34", "']' to close the pragma")]
    [InlineData("#![flag(\"experimental-oneof\")]", "1:4", "expected 'feature' in the pragma")]
    public void Syntax_errors_name_line_column_and_what_was_expected(string text, string position, string expected)
    {
        var error = FailsToCompile(text);
        Assert.StartsWith(position + ":", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_stack_overflow()
    {
        var deep = "set_tx_meta(\"k\", " + new string('(', 10_000) + "1" + new string(')', 10_000) + ")";
        Assert.Contains("nests deeper than", FailsToCompile(deep).Message, StringComparison.Ordinal);

        var deepSource = "send [A 1] ( source = " + string.Concat(Enumerable.Repeat("{ ", 5_000)) + "@a" + new string('}', 5_000) + " destination = @b )";
        Assert.Contains("nests deeper than", FailsToCompile(deepSource).Message, StringComparison.Ordinal);
    }
}
