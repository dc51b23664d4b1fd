using WalletFlow.Domain.Errors;
using WalletFlow.Ledger.Numscript;
using static WalletFlow.Tests.Ledger.Numscript.ScriptRun;

namespace WalletFlow.Tests.Ledger.Numscript;

public sealed class BalanceReadPlanTests
{
    [Fact]
    public void Plan_lists_bounded_sources_saves_and_balance_calls_sorted()
    {
        var plan = Of("""
            vars {
                account $user
                asset $asset
                monetary $held = balance(@holds:1, $asset)
            }
            save [$asset 5] from @reserve
            send [$asset 100] (
                source = {
                    $user
                    max [$asset 10] from @b allowing overdraft up to [$asset 5]
                    @c allowing unbounded overdraft
                    { 1/2 from @d  remaining from @world }
                }
                destination = @z
            )
            send [EUR/2 *] ( source = $user destination = @z )
            """)
            .WithVariable("user", "users:1")
            .WithVariable("asset", "USD/2")
            .Plan();

        Assert.True(plan.IsSuccess, plan.Error?.ToString());
        Assert.Equal(
            [
                new BalanceKey("b", "USD/2"), new BalanceKey("d", "USD/2"), new BalanceKey("holds:1", "USD/2"),
                new BalanceKey("reserve", "USD/2"), new BalanceKey("users:1", "EUR/2"), new BalanceKey("users:1", "USD/2"),
            ],
            plan.Value);
    }

    [Fact]
    public void Plan_follows_accounts_read_from_metadata()
    {
        var plan = Of("""
            vars { account $seller = meta(@sales:1, "seller") }
            send [COIN 1] ( source = $seller destination = @world )
            """)
            .WithMetadata("sales:1", "seller", "users:9")
            .Plan();
        Assert.Equal([new BalanceKey("users:9", "COIN")], plan.Value);
    }

    [Fact]
    public void Plan_fails_on_the_same_variable_errors_as_a_run()
    {
        var plan = Of("vars { account $a } send [COIN 1] ( source = $a destination = @b )").Plan();
        Assert.Equal(ErrorCodes.Validation, plan.Error!.Code);
    }

    [Fact]
    public void Every_balance_a_run_reads_is_in_its_plan()
    {
        const string script = """
            vars { monetary $amount  account $from  account $to }
            send $amount ( source = { $from @overflow allowing overdraft up to [USD/2 50] @world } destination = $to )
            send [USD/2 *] ( source = $to destination = { max [USD/2 3] to @fees remaining to @treasury } )
            """;
        var variables = new Dictionary<string, string> { ["amount"] = "USD/2 100", ["from"] = "a", ["to"] = "b" };
        var program = NumscriptProgram.Parse(script).Value;
        var reader = new PlanCheckingReader(NumscriptInterpreter.PlanBalanceReads(program, variables).Value);

        Assert.True(NumscriptInterpreter.Run(program, variables, reader).IsSuccess);
        Assert.NotEmpty(reader.Planned);
    }

    private sealed class PlanCheckingReader(IReadOnlyList<BalanceKey> planned) : IBalanceReader
    {
        public IReadOnlyList<BalanceKey> Planned { get; } = planned;

        public System.Numerics.BigInteger GetBalance(string account, string asset)
        {
            Assert.Contains(new BalanceKey(account, asset), Planned);
            return 10;
        }
    }
}
