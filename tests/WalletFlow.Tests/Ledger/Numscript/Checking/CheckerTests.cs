using WalletFlow.Ledger.Numscript;
using static WalletFlow.Tests.Ledger.Numscript.ScriptRun;

namespace WalletFlow.Tests.Ledger.Numscript.Checking;

public sealed class CheckerTests
{
    private const string SendToB = " ( source = @world destination = @b )";

    [Theory]
    [InlineData("send $amount" + SendToB, "1:6", "variable $amount is not declared")]
    [InlineData("vars { monetary $m = balance($acc, USD/2) account $acc }", "1:30", "variable $acc is not declared")]
    [InlineData("vars { monetary $m  number $m }", "1:28", "variable $m is declared twice")]
    [InlineData("vars { money $m }", "1:8", "unknown type 'money'")]
    [InlineData("vars { account $a } send $a" + SendToB, "1:26", "expected a monetary, got an account")]
    [InlineData("send [USD/2 *] ( source = $x destination = @b )", "1:27", "variable $x is not declared")]
    [InlineData("send [@a *]" + SendToB, "1:7", "expected an asset, got an account")]
    [InlineData("send [USD/2 10] ( source = [USD/2 1] destination = @b )", "1:28", "expected an account, got a monetary")]
    [InlineData("send [USD/2 10] ( source = max 10 from @a destination = @b )", "1:32", "expected a monetary, got a number")]
    [InlineData("send [USD/2 10] ( source = @a allowing overdraft up to 5 destination = @b )", "1:56", "expected a monetary, got a number")]
    [InlineData("send [USD/2 10] ( source = @world destination = { \"half\" to @a remaining kept } )", "1:51", "expected a portion, got a string")]
    [InlineData("send [USD/2 10] ( source = @world destination = { max 5 to @a remaining kept } )", "1:55", "expected a monetary, got a number")]
    [InlineData("send [100 USD/2]" + SendToB, "1:7", "expected an asset, got a number")]
    [InlineData("send [USD/2 1] + 2" + SendToB, "1:18", "same type: expected a monetary, got a number")]
    [InlineData("set_tx_meta(\"k\", @a + @b)", "1:18", "'+' needs monetary, number or string operands, got an account")]
    [InlineData("set_tx_meta(\"k\", \"a\" - \"b\")", "1:18", "'-' needs monetary or number operands, got a string")]
    [InlineData("set_tx_meta(\"k\", 1% / 2)", "1:18", "'/' needs number operands, got a portion")]
    [InlineData("set_tx_meta(\"k\", - @a)", "1:20", "'-' needs a monetary or a number, got an account")]
    [InlineData("set_tx_meta(\"k\", -10%)", "1:19", "'-' needs a monetary or a number, got a portion")]
    [InlineData("set_tx_meta(@a, 1)", "1:13", "expected a string, got an account")]
    [InlineData("set_tx_meta(\"k\")", "1:1", "set_tx_meta() takes 2 argument(s), got 1")]
    [InlineData("set_account_meta(\"a\", \"k\", 1)", "1:18", "expected an account, got a string")]
    [InlineData("unbound_fn(1, 2)", "1:1", "unknown function 'unbound_fn'")]
    [InlineData("vars { number $x = unbound_fn(1, 2) }", "1:20", "unknown function 'unbound_fn'")]
    [InlineData("vars { monetary $x = overdraft(@a, USD/2) }", "1:22", "experimental-overdraft-function")]
    [InlineData("vars { asset $x = get_asset([USD/2 1]) }", "1:19", "experimental-get-asset-function")]
    [InlineData("vars { number $b = balance(@a, USD/2) }", "1:20", "balance() gives a monetary, but $b is declared as number")]
    [InlineData("vars { monetary $b = balance(@a, \"USD\") }", "1:34", "expected an asset, got a string")]
    [InlineData("vars { account $a = meta(@a) }", "1:21", "meta() takes 2 argument(s), got 1")]
    [InlineData("vars { string $a = set_tx_meta(\"k\", 1) }", "1:20", "is a statement")]
    [InlineData("meta(@a, \"k\")", "1:1", "only give a variable its value")]
    [InlineData("send [A 1] ( source = @world destination = { remaining to @a remaining kept } )", "1:44", "only one 'remaining'")]
    public void Check_errors_name_line_column_and_what_is_wrong(string text, string position, string expected)
    {
        var error = FailsToCompile(text);
        Assert.StartsWith(position + ":", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unused_variables_are_fine()
    {
        Assert.True(NumscriptProgram.Parse("vars { monetary $unused } send [A 1] ( source = @world destination = @b )").IsSuccess);
    }

    [Fact]
    public void Meta_can_give_a_variable_of_any_type()
    {
        var program = NumscriptProgram.Parse("""
            vars {
                account $a = meta(@x, "a")
                portion $p = meta(@x, "p")
                monetary $m = meta(@x, "m")
                number $n = meta(@x, "n")
                string $s = meta(@x, "s")
                asset $c = meta(@x, "c")
            }
            """);
        Assert.True(program.IsSuccess, program.Error?.ToString());
    }

    [Fact]
    public void The_program_lists_its_variables_and_which_are_computed()
    {
        var program = NumscriptProgram.Parse("""
            vars {
                monetary $amount
                account $user
                monetary $balance = balance($user, USD/2)
            }
            """).Value;
        Assert.Equal(
            [
                new NumscriptVariable("amount", NumscriptType.Monetary, false),
                new NumscriptVariable("user", NumscriptType.Account, false),
                new NumscriptVariable("balance", NumscriptType.Monetary, true),
            ],
            program.Variables);
    }
}
