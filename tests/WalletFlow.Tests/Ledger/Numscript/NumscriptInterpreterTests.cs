using System.Numerics;
using WalletFlow.Domain.Errors;
using WalletFlow.Ledger.Numscript;
using static WalletFlow.Tests.Ledger.Numscript.ScriptRun;

namespace WalletFlow.Tests.Ledger.Numscript;

/// <summary>Behaviours of the engine beyond Formance's own test cases: errors as values, readers, reuse.</summary>
public sealed class NumscriptInterpreterTests
{
    private const string PayIn = """
        vars { monetary $amount  account $wallet }
        send $amount ( source = @world destination = $wallet )
        """;

    [Fact]
    public void Missing_variable_is_a_validation_error_naming_the_variable()
    {
        var error = Of(PayIn).WithVariable("amount", "USD/2 100").Fails(ErrorCodes.Validation);
        Assert.Equal("wallet", error.Field);
    }

    [Theory]
    [InlineData("amount", "USD/2 ten")]
    [InlineData("wallet", "@wallets:1")]
    public void Malformed_variable_is_a_validation_error_naming_the_variable(string name, string value)
    {
        var run = Of(PayIn).WithVariable("amount", "USD/2 100").WithVariable("wallet", "wallets:1").WithVariable(name, value);
        Assert.Equal(name, run.Fails(ErrorCodes.Validation).Field);
    }

    [Fact]
    public void Extra_variables_are_ignored()
    {
        Of(PayIn)
            .WithVariable("amount", "USD/2 100")
            .WithVariable("wallet", "wallets:1")
            .WithVariable("unused", "anything")
            .ProducesPostings(Posting("world", "wallets:1", 100, "USD/2"));
    }

    [Fact]
    public void A_computed_variable_ignores_a_supplied_value()
    {
        Of("""
            vars { monetary $b = balance(@a, COIN) }
            send $b ( source = @a destination = @z )
            """)
            .WithVariable("b", "COIN 1")
            .WithBalance("a", "COIN", 7)
            .ProducesPostings(Posting("a", "z", 7, "COIN"));
    }

    [Fact]
    public void Missing_metadata_is_not_found()
    {
        var error = Of("""
            vars { account $seller = meta(@sales:1, "seller") }
            send [COIN 1] ( source = @world destination = $seller )
            """).Fails(ErrorCodes.NotFound);
        Assert.Contains("@sales:1", error.Message, StringComparison.Ordinal);
        Assert.Contains("'seller'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_that_does_not_fit_the_declared_type_is_a_validation_error()
    {
        Of("""
            vars { portion $fee = meta(@merchant, "fee") }
            send [COIN 10] ( source = @world destination = { $fee to @fees  remaining to @merchant } )
            """)
            .WithMetadata("merchant", "fee", "lots")
            .Fails(ErrorCodes.Validation);
    }

    [Fact]
    public void Metadata_is_not_found_when_no_reader_is_given()
    {
        var program = NumscriptProgram.Parse("vars { account $a = meta(@x, \"k\") }").Value;
        var result = NumscriptInterpreter.Run(program, new Dictionary<string, string>(), InMemoryBalanceReader.Empty);
        Assert.Equal(ErrorCodes.NotFound, result.Error!.Code);
    }

    [Fact]
    public void A_script_without_postings_is_refused_as_no_postings()
    {
        Of("set_tx_meta(\"k\", \"v\")").Fails(ErrorCodes.NoPostings);
    }

    [Fact]
    public void World_with_an_overdraft_clause_is_still_unbounded()
    {
        Of("send [COIN 500] ( source = @world allowing overdraft up to [COIN 10] destination = @a )")
            .ProducesPostings(Posting("world", "a", 500, "COIN"));
    }

    [Fact]
    public void A_negative_overdraft_bound_counts_as_zero()
    {
        Of("send [COIN 5] ( source = @a allowing overdraft up to [COIN -10] destination = @b )")
            .WithBalance("a", "COIN", 5)
            .ProducesPostings(Posting("a", "b", 5, "COIN"));
    }

    [Fact]
    public void An_overdrawn_account_without_a_clause_gives_nothing()
    {
        Of("send [COIN 5] ( source = { @a @world } destination = @b )")
            .WithBalance("a", "COIN", -20)
            .ProducesPostings(Posting("world", "b", 5, "COIN"));
    }

    [Fact]
    public void Bounded_overdraft_counts_from_the_current_balance()
    {
        Of("send [COIN 15] ( source = { @a allowing overdraft up to [COIN 30] @world } destination = @b )")
            .WithBalance("a", "COIN", -20)
            .ProducesPostings(Posting("a", "b", 10, "COIN"), Posting("world", "b", 5, "COIN"));
    }

    [Fact]
    public void Number_division_gives_a_portion()
    {
        var outcome = Of("""
            vars { number $n  number $d }
            set_tx_meta("ratio", $n / $d)
            send [COIN 9] ( source = @world destination = { $n / $d to @a  remaining to @b } )
            """)
            .WithVariable("n", "2")
            .WithVariable("d", "6")
            .Succeeds();
        Assert.Equal("1/3", outcome.TransactionMetadata["ratio"]);
        Assert.Equal([Posting("world", "a", 3, "COIN"), Posting("world", "b", 6, "COIN")], outcome.Postings);
    }

    [Fact]
    public void Division_by_zero_is_an_error()
    {
        Of("""
            vars { number $d }
            set_tx_meta("ratio", 1 / $d)
            """)
            .WithVariable("d", "0")
            .Fails(ErrorCodes.InterpreterRuntime);
    }

    [Fact]
    public void A_posting_in_an_asset_the_ledger_cannot_store_is_an_error()
    {
        Of("send [ABCDEFGHIJKLMNOPQRSTUVWXYZ 1] ( source = @world destination = @a )").Fails(ErrorCodes.InterpreterRuntime);
    }

    [Fact]
    public void Two_receivers_of_one_account_get_a_posting_each()
    {
        Of("send [COIN 10] ( source = @world destination = { 1/2 to @a  1/2 to @a } )")
            .ProducesPostings(Posting("world", "a", 5, "COIN"), Posting("world", "a", 5, "COIN"));
    }

    [Fact]
    public void Identical_pairs_in_separate_sends_stay_separate_postings()
    {
        Of("""
            send [COIN 5] ( source = @world destination = @a )
            send [COIN 5] ( source = @world destination = @a )
            """)
            .ProducesPostings(Posting("world", "a", 5, "COIN"), Posting("world", "a", 5, "COIN"));
    }

    [Fact]
    public void Pieces_split_by_another_destination_are_not_merged()
    {
        Of("send [COIN 9] ( source = @world destination = { 1/3 to @a  1/3 to @b  1/3 to @a } )")
            .ProducesPostings(Posting("world", "a", 3, "COIN"), Posting("world", "b", 3, "COIN"), Posting("world", "a", 3, "COIN"));
    }

    [Fact]
    public void Balances_are_read_only_for_bounded_sources_and_never_for_world()
    {
        var reader = new RecordingBalanceReader();
        var program = NumscriptProgram.Parse("""
            send [COIN 10] ( source = @world destination = @a )
            send [COIN 15] ( source = { @a @b allowing unbounded overdraft } destination = @c )
            send [COIN 5] ( source = @c destination = @d )
            """).Value;

        var outcome = NumscriptInterpreter.Run(program, new Dictionary<string, string>(), reader);

        Assert.True(outcome.IsSuccess, outcome.Error?.ToString());
        Assert.Equal([new BalanceKey("a", "COIN"), new BalanceKey("c", "COIN")], reader.Reads);
        Assert.Equal(
            [Posting("world", "a", 10, "COIN"), Posting("a", "c", 10, "COIN"), Posting("b", "c", 5, "COIN"), Posting("c", "d", 5, "COIN")],
            outcome.Value.Postings);
    }

    [Fact]
    public void One_program_runs_on_many_threads_at_once()
    {
        var program = NumscriptProgram.Parse("""
            vars { monetary $amount  account $from }
            send $amount ( source = $from destination = { 10% to @fees  remaining to @merchant } )
            """).Value;

        Parallel.For(0, 2_000, i =>
        {
            var balances = new InMemoryBalanceReader(new Dictionary<BalanceKey, BigInteger> { [new("u:" + i, "EUR/2")] = i });
            var variables = new Dictionary<string, string> { ["amount"] = $"EUR/2 {i}", ["from"] = "u:" + i };
            var result = NumscriptInterpreter.Run(program, variables, balances);
            if (i == 0)
            {
                Assert.Equal(ErrorCodes.NoPostings, result.Error!.Code);
                return;
            }

            Assert.Equal(new BigInteger(i), result.Value.Postings.Aggregate(BigInteger.Zero, (sum, p) => sum + p.Amount));
        });
    }

    private sealed class RecordingBalanceReader : IBalanceReader
    {
        public List<BalanceKey> Reads { get; } = [];

        public BigInteger GetBalance(string account, string asset)
        {
            Reads.Add(new BalanceKey(account, asset));
            return 0;
        }
    }
}
