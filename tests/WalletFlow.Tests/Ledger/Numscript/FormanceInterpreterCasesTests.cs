using WalletFlow.Domain.Errors;
using static WalletFlow.Tests.Ledger.Numscript.ScriptRun;

namespace WalletFlow.Tests.Ledger.Numscript;

/// <summary>
/// The semantics checks of Formance's own interpreter tests (internal/interpreter/interpreter_test.go and the
/// script-tests specs of formancehq/numscript), rewritten here with the same scripts and the same expected numbers.
/// Where Formance returns an empty posting list, the ledger refuses the transaction, so these expect NO_POSTINGS.
/// </summary>
public sealed class FormanceInterpreterCasesTests
{
    [Fact]
    public void Send_moves_the_amount_from_source_to_destination()
    {
        Of("send [EUR/2 100] ( source=@alice destination=@bob )")
            .WithBalance("alice", "EUR/2", 100)
            .ProducesPostings(Posting("alice", "bob", 100, "EUR/2"));
    }

    [Fact]
    public void Variables_of_every_type_are_read_from_strings()
    {
        var outcome = Of("""
            vars {
                account $rider
                account $driver
                string  $description
                number  $nb
                asset   $ass
                portion $por
            }
            send [$ass 999] (
                source = $rider
                destination = $driver
            )
            set_tx_meta("description", $description)
            set_tx_meta("ride", $nb)
            set_tx_meta("por", $por)
            """)
            .WithVariable("rider", "users:001")
            .WithVariable("driver", "users:002")
            .WithVariable("description", "midnight ride")
            .WithVariable("nb", "1")
            .WithVariable("ass", "EUR/2")
            .WithVariable("por", "42%")
            .WithBalance("users:001", "EUR/2", 1000)
            .Succeeds();

        Assert.Equal([Posting("users:001", "users:002", 999, "EUR/2")], outcome.Postings);
        Assert.Equal("midnight ride", outcome.TransactionMetadata["description"]);
        Assert.Equal("1", outcome.TransactionMetadata["ride"]);
        Assert.Equal("21/50", outcome.TransactionMetadata["por"]);
    }

    [Fact]
    public void Portion_variable_may_be_a_fraction()
    {
        Of("""
            vars { portion $por }
            send [COIN 3] (
                source = @world
                destination = {
                    $por to @a
                    remaining kept
                }
            )
            """)
            .WithVariable("por", "1/3")
            .ProducesPostings(Posting("world", "a", 1, "COIN"));
    }

    [Fact]
    public void Ordered_source_takes_from_each_account_in_turn()
    {
        Of("""
            vars {
                account $balance
                account $payment
                account $seller
            }
            send [GEM 15] (
                source = { $balance $payment }
                destination = $seller
            )
            """)
            .WithVariable("balance", "users:001")
            .WithVariable("payment", "payments:001")
            .WithVariable("seller", "users:002")
            .WithBalance("users:001", "GEM", 3)
            .WithBalance("payments:001", "GEM", 12)
            .ProducesPostings(
                Posting("users:001", "users:002", 3, "GEM"),
                Posting("payments:001", "users:002", 12, "GEM"));
    }

    [Fact]
    public void Allotment_remainder_goes_to_the_first_parts_in_order()
    {
        Of("""
            send [GEM 15] (
                source = @users:001
                destination = {
                    80% to @users:002
                    8% to @a
                    12% to @b
                }
            )
            """)
            .WithBalance("users:001", "GEM", 15)
            .ProducesPostings(
                Posting("users:001", "users:002", 13, "GEM"),
                Posting("users:001", "a", 1, "GEM"),
                Posting("users:001", "b", 1, "GEM"));
    }

    [Fact]
    public void Allotment_with_a_portion_variable_and_remaining()
    {
        Of("""
            vars { portion $p }
            send [GEM 15] (
                source = @a
                destination = {
                    80% to @b
                    $p to @c
                    remaining to @d
                }
            )
            """)
            .WithVariable("p", "15%")
            .WithBalance("a", "GEM", 15)
            .ProducesPostings(Posting("a", "b", 13, "GEM"), Posting("a", "c", 2, "GEM"));
    }

    [Fact]
    public void Send_all_takes_the_whole_balance()
    {
        Of("send [USD/2 *] ( source = @users:001 destination = @platform )")
            .WithBalance("users:001", "USD/2", 17)
            .ProducesPostings(Posting("users:001", "platform", 17, "USD/2"));
    }

    [Fact]
    public void Send_all_from_a_capped_empty_account_produces_no_posting()
    {
        Of("send [USD/2 *] ( source = max [USD/2 5] from @src destination = @dest )")
            .Fails(ErrorCodes.NoPostings);
    }

    [Fact]
    public void Negative_cap_gives_nothing_and_the_next_source_pays()
    {
        Of("""
            send [USD/2 100] (
                source = {
                    max [USD/2 -50] from @src
                    @world
                }
                destination = @dest
            )
            """)
            .ProducesPostings(Posting("world", "dest", 100, "USD/2"));
    }

    [Fact]
    public void Send_all_split_by_fractions()
    {
        Of("""
            send [USD/2 *] (
                source = @users:001
                destination = { 1/3 to @d1  2/3 to @d2 }
            )
            """)
            .WithBalance("users:001", "USD/2", 30)
            .ProducesPostings(Posting("users:001", "d1", 10, "USD/2"), Posting("users:001", "d2", 20, "USD/2"));
    }

    [Fact]
    public void Postings_pair_senders_with_receivers_first_in_first_out()
    {
        Of("""
            send [USD/2 *] (
                source = { @users:001 @users:002 }
                destination = { 1/3 to @d1  2/3 to @d2 }
            )
            """)
            .WithBalance("users:001", "USD/2", 15)
            .WithBalance("users:002", "USD/2", 15)
            .ProducesPostings(
                Posting("users:001", "d1", 10, "USD/2"),
                Posting("users:001", "d2", 5, "USD/2"),
                Posting("users:002", "d2", 15, "USD/2"));
    }

    [Fact]
    public void Send_all_from_an_allotment_source_is_an_error()
    {
        Of("send [USD/2 *] ( source = { 1/2 from @a  2/3 from @b } destination = @dest )")
            .Fails(ErrorCodes.InterpreterRuntime);
    }

    [Fact]
    public void Send_all_from_world_is_an_error()
    {
        var error = Of("send [USD/2 *] ( source = @world destination = @dest )").Fails(ErrorCodes.InterpreterRuntime);
        Assert.Contains("@world", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Send_all_from_an_unbounded_overdraft_is_an_error()
    {
        var error = Of("send [USD/2 *] ( source = @a allowing unbounded overdraft destination = @dest )")
            .Fails(ErrorCodes.InterpreterRuntime);
        Assert.Contains("@a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Send_all_with_a_bounded_overdraft_takes_balance_plus_bound()
    {
        Of("send [USD/2 *] ( source = @src allowing overdraft up to [USD/2 10] destination = @dest )")
            .WithBalance("src", "USD/2", 1000)
            .ProducesPostings(Posting("src", "dest", 1010, "USD/2"));
        Of("send [USD/2 *] ( source = @src allowing overdraft up to [USD/2 10] destination = @dest )")
            .WithBalance("src", "USD/2", 1)
            .ProducesPostings(Posting("src", "dest", 11, "USD/2"));
    }

    [Fact]
    public void Send_all_with_a_capped_source_in_an_ordered_source()
    {
        Of("""
            send [USD/2 *] (
                source = { max [USD/2 5] from @src1  @src2 }
                destination = @dest
            )
            """)
            .WithBalance("src1", "USD/2", 100)
            .WithBalance("src2", "USD/2", 200)
            .ProducesPostings(Posting("src1", "dest", 5, "USD/2"), Posting("src2", "dest", 200, "USD/2"));
    }

    [Fact]
    public void Send_all_into_an_ordered_destination()
    {
        Of("""
            send [USD/2 *] (
                source = @src
                destination = { max [USD/2 10] to @d1  remaining to @d2 }
            )
            """)
            .WithBalance("src", "USD/2", 100)
            .ProducesPostings(Posting("src", "d1", 10, "USD/2"), Posting("src", "d2", 90, "USD/2"));
    }

    [Fact]
    public void Ordered_destination_fills_each_cap_then_remaining()
    {
        Of("""
            send [USD/2 100] (
                source = @world
                destination = {
                    max [USD/2 10] to @d1
                    max [USD/2 12] to @d2
                    remaining to @rem
                }
            )
            """)
            .ProducesPostings(
                Posting("world", "d1", 10, "USD/2"),
                Posting("world", "d2", 12, "USD/2"),
                Posting("world", "rem", 78, "USD/2"));
    }

    [Fact]
    public void Kept_part_of_an_ordered_destination_makes_no_posting()
    {
        Of("""
            send [USD/2 100] (
                source = @world
                destination = {
                    max [USD/2 10] kept
                    max [USD/2 12] to @d2
                    remaining to @rem
                }
            )
            """)
            .ProducesPostings(Posting("world", "d2", 12, "USD/2"), Posting("world", "rem", 78, "USD/2"));
    }

    [Fact]
    public void Send_all_stops_filling_caps_when_the_amount_runs_out()
    {
        Of("""
            send [USD/2 *] (
                source = @src
                destination = {
                    max [USD/2 10] to @d1
                    max [USD/2 20] to @d2
                    remaining to @d3
                }
            )
            """)
            .WithBalance("src", "USD/2", 15)
            .ProducesPostings(Posting("src", "d1", 10, "USD/2"), Posting("src", "d2", 5, "USD/2"));
    }

    [Fact]
    public void Send_all_from_an_ordered_source_empties_each_account()
    {
        Of("send [USD/2 *] ( source = { @users:001:wallet @users:001:credit } destination = @platform )")
            .WithBalance("users:001:wallet", "USD/2", 19)
            .WithBalance("users:001:credit", "USD/2", 22)
            .ProducesPostings(
                Posting("users:001:wallet", "platform", 19, "USD/2"),
                Posting("users:001:credit", "platform", 22, "USD/2"));
    }

    [Fact]
    public void Insufficient_funds_names_needed_and_available()
    {
        var error = Of("""
            vars { account $balance  account $payment  account $seller }
            send [GEM 16] (
                source = { $balance $payment }
                destination = $seller
            )
            """)
            .WithVariable("balance", "users:001")
            .WithVariable("payment", "payments:001")
            .WithVariable("seller", "users:002")
            .WithBalance("users:001", "GEM", 3)
            .WithBalance("payments:001", "GEM", 12)
            .Fails(ErrorCodes.InsufficientFunds);

        Assert.Contains("[GEM 16]", error.Message, StringComparison.Ordinal);
        Assert.Contains("[GEM 15]", error.Message, StringComparison.Ordinal);
        Assert.Contains("@users:001, @payments:001", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void World_pays_what_the_accounts_before_it_could_not()
    {
        Of("send [GEM 15] ( source = { @a @world } destination = @b )")
            .WithBalance("a", "GEM", 1)
            .ProducesPostings(Posting("a", "b", 1, "GEM"), Posting("world", "b", 14, "GEM"));
    }

    [Fact]
    public void Zero_parts_of_an_allotment_make_no_posting()
    {
        Of("send [GEM 2] ( source = @world destination = { 90% to @a  10% to @b } )")
            .ProducesPostings(Posting("world", "a", 2, "GEM"));
    }

    [Fact]
    public void Send_all_from_an_empty_account_produces_no_posting()
    {
        Of("send [GEM *] ( source = @foo destination = @bar )").Fails(ErrorCodes.NoPostings);
    }

    [Fact]
    public void Allotment_does_not_take_more_than_each_part_needs()
    {
        Of("""
            send [CREDIT 200] (
                source = { @users:001 @users:002 }
                destination = { 1/2 to @foo  1/2 to @bar }
            )
            """)
            .WithBalance("users:001", "CREDIT", 100)
            .WithBalance("users:002", "CREDIT", 110)
            .ProducesPostings(Posting("users:001", "foo", 100, "CREDIT"), Posting("users:002", "bar", 100, "CREDIT"));
    }

    [Fact]
    public void Variables_can_come_from_account_metadata()
    {
        Of("""
            vars {
                account $sale
                account $seller = meta($sale, "seller")
                portion $commission = meta($seller, "commission")
            }
            send [EUR/2 100] (
                source = $sale
                destination = {
                    remaining to $seller
                    $commission to @platform
                }
            )
            """)
            .WithVariable("sale", "sales:042")
            .WithMetadata("sales:042", "seller", "users:053")
            .WithMetadata("users:053", "commission", "12.5%")
            .WithBalance("sales:042", "EUR/2", 2500)
            .WithBalance("users:053", "EUR/2", 500)
            .ProducesPostings(Posting("sales:042", "users:053", 88, "EUR/2"), Posting("sales:042", "platform", 12, "EUR/2"));
    }

    [Fact]
    public void Funds_received_earlier_in_the_script_can_be_sent_later()
    {
        Of("""
            send [COIN 50] ( source = @world destination = @a )
            send [COIN 100] ( source = @a destination = @b )
            """)
            .WithBalance("a", "COIN", 50)
            .ProducesPostings(Posting("world", "a", 50, "COIN"), Posting("a", "b", 100, "COIN"));
    }

    [Fact]
    public void An_account_that_already_sent_has_less_left()
    {
        var error = Of("""
            send [COIN 50] ( source = @a destination = @z )
            send [COIN 50] ( source = @a destination = @z )
            """)
            .WithBalance("a", "COIN", 60)
            .Fails(ErrorCodes.InsufficientFunds);
        Assert.Contains("needed [COIN 50], only [COIN 10] available", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kept_funds_stay_with_the_sender_in_a_send_all()
    {
        Of("send [COIN *] ( source = @src destination = { max [COIN 1] kept  remaining to @dest } )")
            .WithBalance("src", "COIN", 10)
            .ProducesPostings(Posting("src", "dest", 9, "COIN"));
        Of("send [COIN *] ( source = @src destination = { max [COIN 1] to @dest  remaining kept } )")
            .WithBalance("src", "COIN", 1000)
            .ProducesPostings(Posting("src", "dest", 1, "COIN"));
    }

    [Fact]
    public void A_second_send_all_finds_the_account_empty()
    {
        Of("""
            send [COIN *] ( source = @src destination = @dest1 )
            send [COIN *] ( source = @src destination = @dest2 )
            """)
            .WithBalance("src", "COIN", 42)
            .ProducesPostings(Posting("src", "dest1", 42, "COIN"));
    }

    [Fact]
    public void Kept_funds_can_be_sent_by_a_later_statement()
    {
        Of("""
            send [COIN *] ( source = @foo destination = { max [COIN 1000] to @bar  remaining kept } )
            send [COIN *] ( source = @foo destination = @bar )
            """)
            .WithBalance("foo", "COIN", 2000)
            .ProducesPostings(Posting("foo", "bar", 1000, "COIN"), Posting("foo", "bar", 1000, "COIN"));
    }

    [Fact]
    public void Source_allotment_with_decimal_percentages()
    {
        Of("""
            send [COIN 100] (
                source = { 60% from @a  35.5% from @b  4.5% from @c }
                destination = @d
            )
            """)
            .WithBalance("a", "COIN", 100)
            .WithBalance("b", "COIN", 100)
            .WithBalance("c", "COIN", 100)
            .ProducesPostings(Posting("a", "d", 61, "COIN"), Posting("b", "d", 35, "COIN"), Posting("c", "d", 4, "COIN"));
    }

    [Fact]
    public void Source_allotment_that_does_not_sum_to_one_is_an_error()
    {
        var error = Of("send [COIN 100] ( source = { 42% from @world } destination = @dest )").Fails(ErrorCodes.InterpreterRuntime);
        Assert.Contains("21/50", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Destination_allotment_that_does_not_sum_to_one_is_an_error()
    {
        var error = Of("send [COIN 100] ( source = @world destination = { 1/4 to @x } )").Fails(ErrorCodes.InterpreterRuntime);
        Assert.Contains("1/4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_part_of_a_source_allotment_must_be_paid_in_full()
    {
        var error = Of("""
            send [COIN 100] (
                source = {
                    10% from @a
                    remaining from @world
                }
                destination = @d
            )
            """)
            .WithBalance("a", "COIN", 1)
            .Fails(ErrorCodes.InsufficientFunds);
        Assert.Contains("needed [COIN 10], only [COIN 1] available", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlapping_sources_merge_consecutive_pieces_of_one_account()
    {
        Of("""
            send [COIN 99] (
                source = {
                    15% from { @b @a }
                    30% from @a
                    remaining from @a
                }
                destination = @world
            )
            """)
            .WithBalance("a", "COIN", 99)
            .WithBalance("b", "COIN", 3)
            .ProducesPostings(Posting("b", "world", 3, "COIN"), Posting("a", "world", 96, "COIN"));
    }

    [Fact]
    public void Receivers_of_one_account_in_one_send_get_a_posting_each()
    {
        Of("send [COIN 10] ( source = @world destination = { 1/2 to @a  1/2 to @a } )")
            .ProducesPostings(Posting("world", "a", 5, "COIN"), Posting("world", "a", 5, "COIN"));

        Of("send [COIN 10] ( source = @src destination = { max [COIN 3] to @a  remaining to @a } )")
            .WithBalance("src", "COIN", 10)
            .ProducesPostings(Posting("src", "a", 3, "COIN"), Posting("src", "a", 7, "COIN"));
    }

    [Fact]
    public void An_account_named_twice_in_a_row_in_a_source_gives_one_posting()
    {
        Of("send [COIN 10] ( source = { max [COIN 4] from @a  @a } destination = @b )")
            .WithBalance("a", "COIN", 10)
            .ProducesPostings(Posting("a", "b", 10, "COIN"));
    }

    [Fact]
    public void Identical_sends_give_a_posting_each()
    {
        Of("""
            send [COIN 1000] ( source = @foo destination = @bar )
            send [COIN 1000] ( source = @foo destination = @bar )
            """)
            .WithBalance("foo", "COIN", 2000)
            .ProducesPostings(Posting("foo", "bar", 1000, "COIN"), Posting("foo", "bar", 1000, "COIN"));
    }

    [Fact]
    public void Capped_world_pays_at_most_the_amount()
    {
        Of("send [COIN 100] ( source = { max [COIN 200] from @world  @src } destination = @platform )")
            .WithBalance("src", "COIN", 1000)
            .ProducesPostings(Posting("world", "platform", 100, "COIN"));
    }

    [Fact]
    public void Capped_source_gives_its_cap_and_the_next_one_the_rest()
    {
        Of("send [COIN 100] ( source = { max [COIN 40] from @src1  @src2 } destination = @platform )")
            .WithBalance("src1", "COIN", 1000)
            .WithBalance("src2", "COIN", 1000)
            .ProducesPostings(Posting("src1", "platform", 40, "COIN"), Posting("src2", "platform", 60, "COIN"));
    }

    [Fact]
    public void Nested_sources_with_a_monetary_variable_cap()
    {
        Of("""
            vars { monetary $max }
            send [COIN 200] (
                source = {
                    50% from {
                        max [COIN 4] from @a
                        @b
                        @c
                    }
                    remaining from max $max from @d
                }
                destination = @platform
            )
            """)
            .WithVariable("max", "COIN 120")
            .WithBalance("a", "COIN", 1000)
            .WithBalance("b", "COIN", 40)
            .WithBalance("c", "COIN", 1000)
            .WithBalance("d", "COIN", 1000)
            .ProducesPostings(
                Posting("a", "platform", 4, "COIN"),
                Posting("b", "platform", 40, "COIN"),
                Posting("c", "platform", 56, "COIN"),
                Posting("d", "platform", 100, "COIN"));
    }

    [Fact]
    public void Kept_cap_keeps_funds_with_the_sender()
    {
        Of("send [COIN 100] ( source = @world destination = { max [COIN 10] kept  remaining to @dest } )")
            .ProducesPostings(Posting("world", "dest", 90, "COIN"));
        Of("send [COIN 100] ( source = @src destination = { max [COIN 10] kept  remaining to @dest } )")
            .WithBalance("src", "COIN", 1000)
            .ProducesPostings(Posting("src", "dest", 90, "COIN"));
        Of("send [COIN 100] ( source = @world destination = { max [COIN 1] to @a  remaining kept } )")
            .ProducesPostings(Posting("world", "a", 1, "COIN"));
    }

    [Fact]
    public void Remaining_that_gets_nothing_makes_no_posting()
    {
        Of("send [COIN 10] ( source = @world destination = { max [COIN 10] to @a  remaining to @b } )")
            .ProducesPostings(Posting("world", "a", 10, "COIN"));
        Of("send [COIN *] ( source = @src destination = { max [COIN 10] to @a  remaining to @b } )")
            .WithBalance("src", "COIN", 10)
            .ProducesPostings(Posting("src", "a", 10, "COIN"));
    }

    [Fact]
    public void Nested_destinations_mix_allotments_kept_and_caps()
    {
        Of("""
            send [COIN 100] (
                source = @world
                destination = {
                    20% to @a
                    20% kept
                    60% to {
                        max [COIN 10] to @b
                        remaining to @c
                    }
                }
            )
            """)
            .ProducesPostings(Posting("world", "a", 20, "COIN"), Posting("world", "b", 10, "COIN"), Posting("world", "c", 50, "COIN"));
    }

    [Fact]
    public void Sending_zero_produces_no_posting()
    {
        Of("send [COIN 0] ( source = @src destination = @dest )").Fails(ErrorCodes.NoPostings);
        Of("send [COIN 0] ( source = { @a @b @c } destination = @dest )").Fails(ErrorCodes.NoPostings);
        Of("send [COIN 0] ( source = { 1/2 from @a  1/2 from @b } destination = @dest )").Fails(ErrorCodes.NoPostings);
    }

    [Fact]
    public void Balance_function_reads_the_balance_into_a_variable()
    {
        Of("""
            vars { monetary $balance = balance(@a, EUR/2) }
            send $balance ( source = @world destination = @dest )
            """)
            .WithBalance("a", "EUR/2", 123)
            .ProducesPostings(Posting("world", "dest", 123, "EUR/2"));
    }

    [Fact]
    public void Balance_function_of_an_overdrawn_account_is_an_error()
    {
        var error = Of("""
            vars { monetary $balance = balance(@a, EUR/2) }
            send $balance ( source = @world destination = @dest )
            """)
            .WithBalance("a", "EUR/2", -100)
            .Fails(ErrorCodes.InterpreterRuntime);
        Assert.Contains("@a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_literal_amount_is_an_error()
    {
        Of("send [EUR/2 -100] ( source = @world destination = @dest )").Fails(ErrorCodes.InvalidAmount);
    }

    [Fact]
    public void Balance_of_an_unknown_account_is_zero()
    {
        Of("""
            vars { monetary $balance = balance(@a, EUR/2) }
            send $balance ( source = @world destination = @dest )
            """)
            .Fails(ErrorCodes.NoPostings);
    }

    [Theory]
    [InlineData(40, 90, new[] { "A>B:40", "C>D:60" })]
    [InlineData(400, 90, new[] { "A>B:100" })]
    public void Balance_variable_caps_an_ordered_destination(int balanceOfA, int balanceOfC, string[] expected)
    {
        var outcome = Of("""
            vars { monetary $initial = balance(@A, USD/2) }
            send [USD/2 100] (
                source = { @A @C }
                destination = { max $initial to @B  remaining to @D }
            )
            """)
            .WithBalance("A", "USD/2", balanceOfA)
            .WithBalance("C", "USD/2", balanceOfC)
            .Succeeds();
        Assert.Equal(expected, outcome.Postings.Select(p => $"{p.Source}>{p.Destination}:{p.Amount}"));
    }

    [Fact]
    public void Asset_variable_drives_balance_and_send_all()
    {
        Of("""
            vars {
                asset $ass
                monetary $bal = balance(@alice, $ass)
            }
            send [$ass 15] ( source = { @alice @bob } destination = @swap )
            send [$ass *] ( source = @swap destination = { max $bal to @alice_2  remaining to @bob_2 } )
            """)
            .WithVariable("ass", "USD")
            .WithBalance("alice", "USD", 10)
            .WithBalance("bob", "USD", 10)
            .ProducesPostings(
                Posting("alice", "swap", 10, "USD"),
                Posting("bob", "swap", 5, "USD"),
                Posting("swap", "alice_2", 10, "USD"),
                Posting("swap", "bob_2", 5, "USD"));
    }

    [Fact]
    public void World_passed_as_a_variable_is_still_unbounded()
    {
        Of("""
            vars { account $a_account }
            send [A 100] ( source = $a_account allowing unbounded overdraft destination = @account1 )
            send [B 100] ( source = @world destination = @account2 )
            """)
            .WithVariable("a_account", "world")
            .ProducesPostings(Posting("world", "account1", 100, "A"), Posting("world", "account2", 100, "B"));
    }

    [Fact]
    public void Max_of_an_unbounded_overdraft_takes_the_cap()
    {
        Of("""
            send [COIN 100] (
                source = {
                    max [COIN 10] from @account1 allowing unbounded overdraft
                    @account2
                }
                destination = @world
            )
            """)
            .WithBalance("account1", "COIN", 10000)
            .WithBalance("account2", "COIN", 10000)
            .ProducesPostings(Posting("account1", "world", 10, "COIN"), Posting("account2", "world", 90, "COIN"));
    }

    [Fact]
    public void Bounded_overdraft_lets_an_empty_account_pay_up_to_the_bound()
    {
        Of("send [COIN 100] ( source = @users:1234 allowing overdraft up to [COIN 100] destination = @dest )")
            .ProducesPostings(Posting("users:1234", "dest", 100, "COIN"));
    }

    [Fact]
    public void Bounded_overdraft_then_main_balance()
    {
        Of("""
            send [USD/2 2200] (
                source = {
                    @users:2345:credit allowing overdraft up to [USD/2 1000]
                    @users:2345:main
                }
                destination = @payments:4567
            )
            """)
            .WithBalance("users:2345:main", "USD/2", 8000)
            .ProducesPostings(
                Posting("users:2345:credit", "payments:4567", 1000, "USD/2"),
                Posting("users:2345:main", "payments:4567", 1200, "USD/2"));
    }

    [Fact]
    public void Overdraft_bound_in_another_asset_is_an_error()
    {
        var error = Of("send [COIN 100] ( source = @users:1234 allowing overdraft up to [WRONGCURR 100] destination = @dest )")
            .Fails(ErrorCodes.CurrencyMismatch);
        Assert.Contains("WRONGCURR", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bounded_overdraft_short_of_the_amount_is_insufficient_funds()
    {
        var error = Of("send [COIN 100] ( source = @users:1234 allowing overdraft up to [COIN 10] destination = @dest )")
            .WithBalance("users:1234", "COIN", 1)
            .Fails(ErrorCodes.InsufficientFunds);
        Assert.Contains("needed [COIN 100], only [COIN 11] available", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cap_in_another_asset_is_an_error()
    {
        Of("send [EUR/2 1] ( source = max [USD/2 10] from @world destination = @b )").Fails(ErrorCodes.CurrencyMismatch);
    }

    [Fact]
    public void Remaining_nested_in_portions()
    {
        Of("""
            send [GEM 100] (
                source = @world
                destination = {
                    10% to {
                        remaining to {
                            100% to {
                                max [GEM 1] to @dest1
                                remaining kept
                            }
                        }
                    }
                    remaining to @dest2
                }
            )
            """)
            .ProducesPostings(Posting("world", "dest1", 1, "GEM"), Posting("world", "dest2", 90, "GEM"));
    }

    [Fact]
    public void Nested_remaining_splits_a_commission()
    {
        Of("""
            send [EUR/2 10000] (
                source = @orders:1234
                destination = {
                    15% to {
                        20% to @platform:commission:sales_tax
                        remaining to {
                            5% to {
                                max [EUR/2 1000] to @users:1234:cashback
                                remaining kept
                            }
                            remaining to @platform:commission:revenue
                        }
                    }
                    remaining to @merchants:6789
                }
            )
            """)
            .WithBalance("orders:1234", "EUR/2", 10000)
            .ProducesPostings(
                Posting("orders:1234", "platform:commission:sales_tax", 300, "EUR/2"),
                Posting("orders:1234", "users:1234:cashback", 60, "EUR/2"),
                Posting("orders:1234", "platform:commission:revenue", 1140, "EUR/2"),
                Posting("orders:1234", "merchants:6789", 8500, "EUR/2"));
    }

    [Fact]
    public void Empty_accounts_before_world_make_no_posting()
    {
        Of("send [COIN 100] ( source = { @a @world } destination = @dest )")
            .ProducesPostings(Posting("world", "dest", 100, "COIN"));
        Of("send [COIN 100] ( source = @world destination = { max [COIN 0] to @d1  remaining to @d2 } )")
            .ProducesPostings(Posting("world", "d2", 100, "COIN"));
    }

    [Fact]
    public void Unbounded_overdraft_pays_any_amount()
    {
        Of("send [USD/2 100] ( source = @empty allowing unbounded overdraft destination = @dest )")
            .ProducesPostings(Posting("empty", "dest", 100, "USD/2"));
    }

    [Fact]
    public void Playground_overdraft_example()
    {
        Of("""
            send [USD/2 100] ( source = @users:1234 allowing unbounded overdraft destination = @payments:4567 )
            send [USD/2 6000] (
                source = {
                    @users:2345:credit allowing overdraft up to [USD/2 1000]
                    @users:2345:main
                }
                destination = @payments:4567
            )
            """)
            .WithBalance("users:2345:main", "USD/2", 8000)
            .ProducesPostings(
                Posting("users:1234", "payments:4567", 100, "USD/2"),
                Posting("users:2345:credit", "payments:4567", 1000, "USD/2"),
                Posting("users:2345:main", "payments:4567", 5000, "USD/2"));
    }

    [Fact]
    public void Cascading_vouchers()
    {
        Of("""
            send [USD/2 10000] (
                source = {
                    @users:1234:main
                    @users:1234:vouchers:2024-01-31
                    @users:1234:vouchers:2024-02-17
                    @users:1234:vouchers:2024-03-22
                }
                destination = @orders:4567:payment
            )
            """)
            .WithBalance("users:1234:main", "USD/2", 5000)
            .WithBalance("users:1234:vouchers:2024-01-31", "USD/2", 1000)
            .WithBalance("users:1234:vouchers:2024-02-17", "USD/2", 3000)
            .WithBalance("users:1234:vouchers:2024-03-22", "USD/2", 10000)
            .ProducesPostings(
                Posting("users:1234:main", "orders:4567:payment", 5000, "USD/2"),
                Posting("users:1234:vouchers:2024-01-31", "orders:4567:payment", 1000, "USD/2"),
                Posting("users:1234:vouchers:2024-02-17", "orders:4567:payment", 3000, "USD/2"),
                Posting("users:1234:vouchers:2024-03-22", "orders:4567:payment", 1000, "USD/2"));
    }

    [Fact]
    public void Balance_read_into_a_variable_can_be_sent_from_the_same_account()
    {
        Of("""
            vars { monetary $v = balance(@src, COIN) }
            send $v ( source = @src destination = @dest )
            """)
            .WithBalance("src", "COIN", 50)
            .ProducesPostings(Posting("src", "dest", 50, "COIN"));
    }

    [Fact]
    public void Amounts_are_arbitrary_size_integers()
    {
        const string huge = "99999223372036854775807";
        var outcome = Of("""
            vars { number $amt }
            send [USD/2 $amt] ( source = @world destination = { 100% to @dest  remaining kept } )
            """)
            .WithVariable("amt", huge)
            .Succeeds();
        Assert.Equal(huge, outcome.Postings[0].Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var monetary = Of("""
            vars { monetary $amt }
            send $amt ( source = @world destination = { 100% to @dest  remaining kept } )
            """)
            .WithVariable("amt", "USD/123 " + huge)
            .Succeeds();
        Assert.Equal("USD/123", monetary.Postings[0].Asset);
    }

    [Fact]
    public void Number_variable_that_is_not_a_number_is_invalid()
    {
        var error = Of("""
            vars { number $amt }
            send [USD/2 $amt] ( source = @world destination = @dest )
            """)
            .WithVariable("amt", "not a number")
            .Fails(ErrorCodes.Validation);
        Assert.Equal("amt", error.Field);
    }

    [Fact]
    public void Save_keeps_part_of_a_balance_out_of_later_sends()
    {
        Of("""
            save [USD 10] from @alice
            send [USD 30] ( source = { @alice @world } destination = @bob )
            """)
            .WithBalance("alice", "USD", 20)
            .ProducesPostings(Posting("alice", "bob", 10, "USD"), Posting("world", "bob", 20, "USD"));
    }

    [Fact]
    public void Save_can_make_a_later_send_fail()
    {
        var error = Of("""
            save [USD/2 1] from @alice
            send [USD/2 30] ( source = @alice destination = @bob )
            """)
            .WithBalance("alice", "USD/2", 30)
            .Fails(ErrorCodes.InsufficientFunds);
        Assert.Contains("only [USD/2 29] available", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_all_and_save_more_than_the_balance_keep_everything()
    {
        foreach (var save in new[] { "save [USD *] from @alice", "save [USD 30] from @alice" })
        {
            Of(save + "\nsend [USD 30] ( source = { @alice @world } destination = @bob )")
                .WithBalance("alice", "USD", 20)
                .ProducesPostings(Posting("world", "bob", 30, "USD"));
        }
    }

    [Fact]
    public void Save_with_variables()
    {
        Of("""
            vars { asset $ass }
            save [$ass 10] from @alice
            send [$ass 30] ( source = { @alice @world } destination = @bob )
            """)
            .WithVariable("ass", "USD")
            .WithBalance("alice", "USD", 20)
            .ProducesPostings(Posting("alice", "bob", 10, "USD"), Posting("world", "bob", 20, "USD"));
        Of("""
            vars { monetary $mon }
            save $mon from @alice
            send [USD 30] ( source = { @alice @world } destination = @bob )
            """)
            .WithVariable("mon", "USD 10")
            .WithBalance("alice", "USD", 20)
            .ProducesPostings(Posting("alice", "bob", 10, "USD"), Posting("world", "bob", 20, "USD"));
    }

    [Fact]
    public void Save_between_sends_applies_to_the_balance_left()
    {
        Of("""
            send [USD 10] ( source = @alice destination = @bob )
            save [USD 5] from @alice
            send [USD 30] ( source = { @alice @world } destination = @bob )
            """)
            .WithBalance("alice", "USD", 20)
            .ProducesPostings(
                Posting("alice", "bob", 10, "USD"),
                Posting("alice", "bob", 5, "USD"),
                Posting("world", "bob", 25, "USD"));
    }

    [Fact]
    public void Save_of_another_asset_does_not_touch_this_one()
    {
        Of("""
            save [COIN 100] from @alice
            send [USD 30] ( source = { @alice @world } destination = @bob )
            """)
            .WithBalance("alice", "COIN", 100)
            .WithBalance("alice", "USD", 20)
            .ProducesPostings(Posting("alice", "bob", 20, "USD"), Posting("world", "bob", 10, "USD"));
    }

    [Fact]
    public void Save_of_a_negative_amount_is_an_error()
    {
        Of("save [USD -100] from @A").WithBalance("A", "USD", -100).Fails(ErrorCodes.InvalidAmount);
    }

    [Fact]
    public void Monetaries_and_numbers_add_and_subtract()
    {
        Of("send [COIN 1] + [COIN 2] ( source = @world destination = @dest )")
            .ProducesPostings(Posting("world", "dest", 3, "COIN"));

        var outcome = Of("""
            set_tx_meta("sum", 1 + 2)
            set_tx_meta("diff", 10 - 1)
            set_tx_meta("money", [USD/2 10] - [USD/2 3])
            set_tx_meta("text", "a" + "b")
            send [COIN 1] ( source = @world destination = @dest )
            """).Succeeds();
        Assert.Equal("3", outcome.TransactionMetadata["sum"]);
        Assert.Equal("9", outcome.TransactionMetadata["diff"]);
        Assert.Equal("USD/2 7", outcome.TransactionMetadata["money"]);
        Assert.Equal("ab", outcome.TransactionMetadata["text"]);
    }

    [Fact]
    public void Unary_minus_negates_a_monetary_and_keeps_its_asset()
    {
        var outcome = Of("""
            vars { monetary $m }
            set_tx_meta("literal", -[EUR/2 100])
            set_tx_meta("variable", -$m)
            set_tx_meta("twice", -(-$m))
            send [EUR/2 300] + -$m ( source = @world destination = @dest )
            """)
            .WithVariable("m", "EUR/2 100")
            .Succeeds();

        Assert.Equal("EUR/2 -100", outcome.TransactionMetadata["literal"]);
        Assert.Equal("EUR/2 -100", outcome.TransactionMetadata["variable"]);
        Assert.Equal("EUR/2 100", outcome.TransactionMetadata["twice"]);
        Assert.Equal([Posting("world", "dest", 200, "EUR/2")], outcome.Postings);
    }

    [Fact]
    public void Sending_or_saving_a_negated_monetary_is_an_error()
    {
        var error = Of("send -[EUR/2 100] ( source = @world destination = @dest )").Fails(ErrorCodes.InvalidAmount);
        Assert.Contains("[EUR/2 -100]", error.Message, StringComparison.Ordinal);

        Of("vars { monetary $m } send -$m ( source = @world destination = @dest )")
            .WithVariable("m", "EUR/2 100")
            .Fails(ErrorCodes.InvalidAmount);

        Of("save -[EUR/2 100] from @a").WithBalance("a", "EUR/2", 100).Fails(ErrorCodes.InvalidAmount);
    }

    [Fact]
    public void Unary_minus_takes_only_a_monetary_or_a_number()
    {
        Assert.Contains("'-' needs a monetary or a number, got a string", FailsToCompile("set_tx_meta(\"k\", -\"abc\")").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Feature_pragma_naming_an_unknown_flag_is_refused()
    {
        var error = FailsToCompile("""
            #![feature("no-such-feature")]
            send [COIN 1] ( source = @world destination = @dest )
            """);

        Assert.Equal(ErrorCodes.CompilationFailed, error.Code);
        Assert.StartsWith("1:12:", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown feature \"no-such-feature\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Feature_pragmas_naming_formances_flags_are_accepted_and_the_script_runs_as_without_them()
    {
        Of("""
            #![feature("experimental-overdraft-function")]
            #![feature("experimental-oneof")]
            send [COIN 10] ( source = @world destination = @dest )
            """)
            .ProducesPostings(Posting("world", "dest", 10, "COIN"));
    }

    [Fact]
    public void A_construct_a_feature_pragma_permits_is_still_refused_where_the_script_uses_it()
    {
        var error = FailsToCompile("""
            #![feature("experimental-oneof")]
            send [COIN 10] ( source = oneof { @a @world } destination = @dest )
            """);

        Assert.Equal(ErrorCodes.CompilationFailed, error.Code);
        Assert.Contains("oneof", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_monetaries_of_different_assets_is_an_error()
    {
        Of("send [USD/2 1] + [EUR/2 2] ( source = @world destination = @dest )").Fails(ErrorCodes.CurrencyMismatch);
    }

    [Fact]
    public void Double_spending_an_account_does_not_exceed_its_overdraft()
    {
        Of("""
            send [COIN 10] (
                source = {
                    @s allowing overdraft up to [COIN 2]
                    @s allowing overdraft up to [COIN 5]
                    @world
                }
                destination = @dest
            )
            """)
            .ProducesPostings(Posting("s", "dest", 5, "COIN"), Posting("world", "dest", 5, "COIN"));
    }

    [Fact]
    public void Transaction_and_account_metadata_are_written_as_strings()
    {
        var outcome = Of("""
            set_tx_meta("num", 42)
            set_tx_meta("str", "abc")
            set_tx_meta("asset", COIN)
            set_tx_meta("account", @acc)
            set_tx_meta("portion", 12%)
            set_account_meta(@acc, "portion", 2/7)
            set_account_meta(@acc, "portion-perc", 1%)
            set_account_meta(@acc, "money", [USD/2 100])
            send [COIN 1] ( source = @world destination = @acc )
            """).Succeeds();

        Assert.Equal("42", outcome.TransactionMetadata["num"]);
        Assert.Equal("abc", outcome.TransactionMetadata["str"]);
        Assert.Equal("COIN", outcome.TransactionMetadata["asset"]);
        Assert.Equal("acc", outcome.TransactionMetadata["account"]);
        Assert.Equal("3/25", outcome.TransactionMetadata["portion"]);
        Assert.Equal("2/7", outcome.AccountMetadata["acc"]["portion"]);
        Assert.Equal("1/100", outcome.AccountMetadata["acc"]["portion-perc"]);
        Assert.Equal("USD/2 100", outcome.AccountMetadata["acc"]["money"]);
    }

    [Fact]
    public void Account_metadata_output_holds_only_what_the_script_set()
    {
        var outcome = Of("""
            set_account_meta(@acc, "overridden", 100)
            set_account_meta(@acc, "new", 2)
            set_account_meta(@acc, "overridden", 3)
            send [COIN 1] ( source = @world destination = @acc )
            """)
            .WithMetadata("acc", "initial", "0")
            .Succeeds();
        Assert.Equal(new Dictionary<string, string> { ["overridden"] = "3", ["new"] = "2" }, outcome.AccountMetadata["acc"]);
    }
}
