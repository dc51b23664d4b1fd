using System.Numerics;
using WalletFlow.Domain.Errors;
using WalletFlow.Ledger;

namespace WalletFlow.Tests.Ledger.Contract;

/// <summary>
/// What every <see cref="ILedger"/> must do, whichever ledger is behind it: the embedded one, the Formance adapter
/// in front of WalletFlow's Formance-compatible surface, and the adapter in front of a real Formance ledger. Each
/// test works in a ledger of its own, so the suite also runs against a shared Formance instance. The data is
/// chosen so that Formance's address patterns and the embedded ledger's agree (docs/ledger.md).
/// </summary>
public abstract partial class LedgerContract : IAsyncLifetime
{
    private const string Usd = "USD/2";
    private const string Transfer = """
        vars {
          monetary $amount
          account $from
          account $to
        }
        send $amount (
          source = $from
          destination = $to
        )
        """;

    protected ILedger Ledger { get; private set; } = null!;

    /// <summary>This test's own ledger.</summary>
    protected string Book { get; } = $"contract-{Guid.NewGuid():N}"[..40];

    /// <summary>
    /// Whether a refusal names the input at fault (the account short of funds, the posting field). WalletFlow's
    /// ledger does, also through its Formance surface (in <c>details</c>); Formance's own messages do not.
    /// </summary>
    protected virtual bool NamesTheInputAtFault => true;

    protected abstract ValueTask<ILedger> ConnectAsync();

    /// <summary>Checks that run after every test against this ledger (the embedded ledger's invariants, for one).</summary>
    protected virtual Task AfterEachTestAsync(string book) => Task.CompletedTask;

    public async ValueTask InitializeAsync()
    {
        Ledger = await ConnectAsync();
        Succeeded(await Ledger.CreateLedgerAsync(Book));
    }

    public async ValueTask DisposeAsync()
    {
        await AfterEachTestAsync(Book);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Posting_postings_moves_the_amounts_and_returns_the_transaction_with_its_post_commit_volumes()
    {
        var posted = Succeeded(await Ledger.PostAsync(Book, TransactionRequest.FromPostings(
            new Posting("world", "users:alice", 1_000, Usd),
            new Posting("users:alice", "users:bob", 250, Usd)) with
        {
            Metadata = new Dictionary<string, string> { ["order"] = "o-1" },
            Reference = "ref-postings",
        }));

        var transaction = posted.Transaction;
        Assert.False(posted.IdempotencyHit);
        Assert.Equal([new Posting("world", "users:alice", 1_000, Usd), new Posting("users:alice", "users:bob", 250, Usd)], transaction.Postings);
        Assert.Equal("o-1", transaction.Metadata["order"]);
        Assert.Equal("ref-postings", transaction.Reference);
        Assert.False(transaction.Reverted);
        Assert.Equal(new Volumes(1_000, 250), transaction.PostCommitVolumes["users:alice"][Usd]);
        Assert.Equal(new Volumes(250, 0), transaction.PostCommitVolumes["users:bob"][Usd]);
        Assert.Equal(750, await BalanceAsync("users:alice"));
        Assert.Equal(250, await BalanceAsync("users:bob"));
        Assert.Equal(transaction.Postings, Succeeded(await Ledger.GetTransactionAsync(Book, transaction.Id)).Postings);
    }

    [Fact]
    public async Task Reading_several_transactions_by_id_gives_each_held_one_and_leaves_an_unknown_id_out()
    {
        var first = Succeeded(await Ledger.PostAsync(Book, TransactionRequest.FromPostings(new Posting("world", "users:erin", 300, Usd)))).Transaction;
        var second = Succeeded(await Ledger.PostAsync(Book, TransactionRequest.FromPostings(new Posting("users:erin", "users:fay", 120, Usd)))).Transaction;

        var read = Succeeded(await Ledger.GetTransactionsAsync(Book, [second.Id, first.Id, second.Id, 999_999]));

        Assert.Equal([first.Id, second.Id], read.Keys.Order());
        Assert.Equal(first.Postings, read[first.Id].Postings);
        Assert.Equal(second.Postings, read[second.Id].Postings);
        Assert.Equal(new Volumes(120, 0), read[second.Id].PostCommitVolumes["users:fay"][Usd]);
        Assert.Empty(Succeeded(await Ledger.GetTransactionsAsync(Book, [])));
    }

    [Fact]
    public async Task Posting_a_script_runs_it_with_its_variables()
    {
        await FundAsync("users:carol", 500);

        var posted = Succeeded(await Ledger.PostAsync(Book, TransactionRequest.FromScript(Transfer, new Dictionary<string, string>
        {
            ["amount"] = "USD/2 120",
            ["from"] = "users:carol",
            ["to"] = "users:dave",
        })));

        Assert.Equal([new Posting("users:carol", "users:dave", 120, Usd)], posted.Transaction.Postings);
        Assert.Equal(380, await BalanceAsync("users:carol"));
        Assert.Equal(120, await BalanceAsync("users:dave"));
    }

    [Fact]
    public async Task A_script_that_does_not_compile_is_refused_as_a_compilation_failure_and_writes_nothing()
    {
        var refused = await Ledger.PostAsync(Book, TransactionRequest.FromScript("send [USD/2 100] (\n source = @world\n", new Dictionary<string, string>()));

        Assert.Equal(ErrorCodes.CompilationFailed, Failed(refused).Code);
        Assert.Empty(await AllTransactionsAsync());
    }

    [Fact]
    public async Task Replaying_an_idempotency_key_with_the_same_request_returns_the_original_and_posts_nothing_new()
    {
        var request = TransactionRequest.FromPostings(new Posting("world", "users:erin", 70, Usd)) with { IdempotencyKey = "replay-1" };

        var first = Succeeded(await Ledger.PostAsync(Book, request));
        var replay = Succeeded(await Ledger.PostAsync(Book, request));

        Assert.False(first.IdempotencyHit);
        Assert.True(replay.IdempotencyHit);
        Assert.Equal(first.Transaction.Id, replay.Transaction.Id);
        Assert.Equal(first.Transaction.Postings, replay.Transaction.Postings);
        Assert.Equal(70, await BalanceAsync("users:erin"));
        Assert.Single(await AllTransactionsAsync());
    }

    [Fact]
    public async Task Reusing_an_idempotency_key_with_a_different_request_is_an_idempotency_conflict_and_writes_nothing()
    {
        Succeeded(await Ledger.PostAsync(Book, TransactionRequest.FromPostings(new Posting("world", "users:frank", 70, Usd)) with { IdempotencyKey = "conflict-1" }));

        var conflict = await Ledger.PostAsync(Book, TransactionRequest.FromPostings(new Posting("world", "users:frank", 71, Usd)) with { IdempotencyKey = "conflict-1" });

        Assert.Equal(ErrorCodes.IdempotencyConflict, Failed(conflict).Code);
        Assert.Equal(70, await BalanceAsync("users:frank"));
        Assert.Single(await AllTransactionsAsync());
    }

    [Fact]
    public async Task A_reference_used_twice_is_a_conflict_and_the_second_transaction_writes_nothing()
    {
        Succeeded(await Ledger.PostAsync(Book, TransactionRequest.FromPostings(new Posting("world", "users:gina", 10, Usd)) with { Reference = "invoice-7" }));

        var conflict = await Ledger.PostAsync(Book, TransactionRequest.FromPostings(new Posting("world", "users:gina", 20, Usd)) with { Reference = "invoice-7" });

        Assert.Equal(ErrorCodes.Conflict, Failed(conflict).Code);
        Assert.Equal(10, await BalanceAsync("users:gina"));
        Assert.Single(await AllTransactionsAsync());
    }

    [Fact]
    public async Task Posting_from_an_account_that_cannot_afford_it_is_rejected_naming_the_shortfall_and_writes_nothing()
    {
        await FundAsync("users:hank", 100);

        var refused = await Ledger.PostAsync(Book, TransactionRequest.FromPostings(
            new Posting("world", "users:ivan", 5, Usd),
            new Posting("users:hank", "users:ivan", 101, Usd)));

        var error = Failed(refused);
        Assert.Equal(ErrorCodes.InsufficientFunds, error.Code);
        Assert.Contains(Usd, error.Message, StringComparison.Ordinal);
        Assert.Contains("100", error.Message, StringComparison.Ordinal);
        Assert.Contains("101", error.Message, StringComparison.Ordinal);
        if (NamesTheInputAtFault)
        {
            Assert.Equal("users:hank", error.Field);
            Assert.Contains("users:hank", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(100, await BalanceAsync("users:hank"));
        Assert.Equal(0, await BalanceAsync("users:ivan"));
        Assert.Single(await AllTransactionsAsync());
    }

    [Fact]
    public async Task A_script_that_cannot_find_the_funds_is_rejected_as_insufficient_funds_and_writes_nothing()
    {
        await FundAsync("users:jane", 40);

        var refused = await Ledger.PostAsync(Book, TransactionRequest.FromScript(Transfer, new Dictionary<string, string>
        {
            ["amount"] = "USD/2 41",
            ["from"] = "users:jane",
            ["to"] = "users:kurt",
        }));

        Assert.Equal(ErrorCodes.InsufficientFunds, Failed(refused).Code);
        Assert.Equal(40, await BalanceAsync("users:jane"));
        Assert.Single(await AllTransactionsAsync());
    }

    [Fact]
    public async Task World_may_go_negative()
    {
        await FundAsync("users:lena", 900);

        Assert.Equal(-900, await BalanceAsync("world"));
    }

    [Fact]
    public async Task Force_lets_an_account_go_negative()
    {
        var forced = await Ledger.PostAsync(Book, TransactionRequest.FromPostings(new Posting("users:mia", "users:ned", 300, Usd)) with { Force = true });

        Succeeded(forced);
        Assert.Equal(-300, await BalanceAsync("users:mia"));
        Assert.Equal(300, await BalanceAsync("users:ned"));
        await FundAsync("users:mia", 300);
    }

    [Fact]
    public async Task Reverting_a_transaction_moves_every_leg_back_and_links_both_ways()
    {
        await FundAsync("users:olga", 1_000);
        var original = Succeeded(await Ledger.PostAsync(Book, TransactionRequest.FromPostings(
            new Posting("users:olga", "users:pete", 300, Usd),
            new Posting("users:olga", "fees:transfer", 3, Usd)))).Transaction;

        var reversal = Succeeded(await Ledger.RevertAsync(Book, new RevertRequest(original.Id))).Transaction;

        Assert.Equal(original.Id, reversal.RevertsTransactionId);
        Assert.Equal(original.Postings.Sum(posting => (long)posting.Amount), reversal.Postings.Sum(posting => (long)posting.Amount));
        Assert.All(reversal.Postings, posting => Assert.Contains(original.Postings, leg => leg.Source == posting.Destination && leg.Destination == posting.Source && leg.Amount == posting.Amount));
        Assert.Equal(1_000, await BalanceAsync("users:olga"));
        Assert.Equal(0, await BalanceAsync("users:pete"));
        Assert.Equal(0, await BalanceAsync("fees:transfer"));
        var reverted = Succeeded(await Ledger.GetTransactionAsync(Book, original.Id));
        Assert.True(reverted.Reverted);
        Assert.Equal(reversal.Id, reverted.RevertedByTransactionId);
    }

    [Fact]
    public async Task A_transaction_is_reverted_once_only()
    {
        var original = (await FundAsync("users:quinn", 80)).Transaction;
        Succeeded(await Ledger.RevertAsync(Book, new RevertRequest(original.Id)));

        var again = await Ledger.RevertAsync(Book, new RevertRequest(original.Id));

        Assert.Equal(LedgerErrors.AlreadyRevertedCode, Failed(again).Code);
        Assert.Equal(0, await BalanceAsync("users:quinn"));
        Assert.Equal(2, (await AllTransactionsAsync()).Count);
    }

    [Fact]
    public async Task A_revert_that_would_overdraw_is_refused_unless_forced()
    {
        await FundAsync("users:rita", 100);
        var payment = Succeeded(await Ledger.PostAsync(Book, TransactionRequest.FromPostings(new Posting("users:rita", "users:sam", 100, Usd)))).Transaction;
        Succeeded(await Ledger.PostAsync(Book, TransactionRequest.FromPostings(new Posting("users:sam", "users:tess", 100, Usd))));

        var refused = await Ledger.RevertAsync(Book, new RevertRequest(payment.Id));

        Assert.Equal(ErrorCodes.InsufficientFunds, Failed(refused).Code);
        Assert.False(Succeeded(await Ledger.GetTransactionAsync(Book, payment.Id)).Reverted);
        Assert.Equal(0, await BalanceAsync("users:sam"));

        Succeeded(await Ledger.RevertAsync(Book, new RevertRequest(payment.Id) { Force = true }));

        Assert.Equal(-100, await BalanceAsync("users:sam"));
        Assert.Equal(100, await BalanceAsync("users:rita"));
        await FundAsync("users:sam", 100);
    }

    [Fact]
    public async Task A_revert_carries_its_metadata_and_can_take_the_original_effective_date()
    {
        var lastMonth = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(-30).ToUnixTimeSeconds());
        var original = Succeeded(await Ledger.PostAsync(Book, TransactionRequest.FromPostings(new Posting("world", "users:uma", 60, Usd)) with { Timestamp = lastMonth })).Transaction;

        var reversal = Succeeded(await Ledger.RevertAsync(Book, new RevertRequest(original.Id)
        {
            AtEffectiveDate = true,
            Metadata = new Dictionary<string, string> { ["reason"] = "duplicate" },
        })).Transaction;

        Assert.Equal("duplicate", reversal.Metadata["reason"]);
        Assert.Equal(original.Timestamp, reversal.Timestamp);
        Assert.Equal(0, await BalanceAsync("users:uma", lastMonth.AddDays(1)));
    }

    [Fact]
    public async Task Effective_dates_date_the_balances_read_as_of_a_date()
    {
        var monday = new DateTimeOffset(DateTimeOffset.UtcNow.Date.AddDays(-7), TimeSpan.Zero);
        await PostAsync(TransactionRequest.FromPostings(new Posting("world", "users:vera", 100, Usd)) with { Timestamp = monday });
        await PostAsync(TransactionRequest.FromPostings(new Posting("world", "users:vera", 50, Usd)) with { Timestamp = monday.AddDays(2) });

        Assert.Equal(0, await BalanceAsync("users:vera", monday.AddDays(-1)));
        Assert.Equal(100, await BalanceAsync("users:vera", monday.AddDays(1)));
        Assert.Equal(150, await BalanceAsync("users:vera", monday.AddDays(3)));
        Assert.Equal(150, await BalanceAsync("users:vera"));
        Assert.Equal(100, Succeeded(await Ledger.AggregateBalancesAsync(Book, "users:vera", monday.AddDays(1)))[Usd]);
    }

    [Fact]
    public async Task A_transaction_keeps_the_effective_date_it_was_given()
    {
        var then = new DateTimeOffset(2024, 2, 29, 13, 14, 15, TimeSpan.Zero);

        var posted = await PostAsync(TransactionRequest.FromPostings(new Posting("world", "users:walt", 1, Usd)) with { Timestamp = then });

        Assert.Equal(then, posted.Transaction.Timestamp);
        Assert.Equal(then, Succeeded(await Ledger.GetTransactionAsync(Book, posted.Transaction.Id)).Timestamp);
    }

    [Fact]
    public async Task A_batch_posts_each_item_on_its_own_and_a_later_item_sees_what_an_earlier_one_left()
    {
        var results = await Ledger.PostBatchAsync(Book,
        [
            TransactionRequest.FromPostings(new Posting("world", "users:xena", 50, Usd)),
            TransactionRequest.FromPostings(new Posting("users:xena", "users:yuri", 80, Usd)),
            TransactionRequest.FromPostings(new Posting("users:xena", "users:yuri", 30, Usd)),
            TransactionRequest.FromPostings(new Posting("users:xena", "users:yuri", 1, "not an asset")),
        ]);

        Assert.Equal(4, results.Count);
        Succeeded(results[0]);
        Assert.Equal(ErrorCodes.InsufficientFunds, Failed(results[1]).Code);
        Succeeded(results[2]);
        Assert.False(results[3].IsSuccess);
        Assert.Equal(20, await BalanceAsync("users:xena"));
        Assert.Equal(30, await BalanceAsync("users:yuri"));
        Assert.Equal(2, (await AllTransactionsAsync()).Count);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_validation_error_and_writes_nothing()
    {
        TransactionRequest[] bad =
        [
            TransactionRequest.FromPostings(new Posting("world", "users:zoe", -5, Usd)),
            TransactionRequest.FromPostings(new Posting("world", "users::zoe", 5, Usd)),
            TransactionRequest.FromPostings(new Posting("world", "users:zoe", 5, "usd")),
            TransactionRequest.FromPostings(new Posting("world", "users:zoe", 5, Usd)) with { Script = new NumscriptScript(Transfer, new Dictionary<string, string>()) },
        ];

        foreach (var request in bad)
        {
            var error = Failed(await Ledger.PostAsync(Book, request));
            Assert.Contains(error.Code, new[] { ErrorCodes.Validation, ErrorCodes.InvalidAmount, ErrorCodes.InvalidAddress, ErrorCodes.InvalidAsset });
        }

        Assert.Empty(await AllTransactionsAsync());
    }

    [Fact]
    public async Task A_refused_posting_is_rejected_whole_and_names_the_field_at_fault_where_the_ledger_can()
    {
        var error = Failed(await Ledger.PostAsync(Book, TransactionRequest.FromPostings(
            new Posting("world", "users:zed", 5, Usd),
            new Posting("world", "users:zed", -5, Usd))));

        Assert.Contains(error.Code, new[] { ErrorCodes.InvalidAmount, ErrorCodes.Validation });
        Assert.Empty(await AllTransactionsAsync());
        // Formance's error envelope has no field; WalletFlow's own ledgers name it so a form can show it in place.
        Assert.Equal(NamesTheInputAtFault ? "postings[1].amount" : null, error.Field);
    }

    [Fact]
    public async Task Amounts_beyond_64_bits_are_kept_exactly()
    {
        var huge = BigInteger.Pow(2, 100) + 7;

        var posted = await PostAsync(TransactionRequest.FromPostings(new Posting("world", "treasury:vault", huge, "WEI")));

        Assert.Equal(huge, posted.Transaction.Postings[0].Amount);
        Assert.Equal(huge, Succeeded(await Ledger.GetAccountAsync(Book, "treasury:vault")).Balance("WEI"));
        Assert.Equal(-huge, Succeeded(await Ledger.AggregateBalancesAsync(Book, "world"))["WEI"]);
    }

    [Fact]
    public async Task Listing_accounts_pages_through_every_account_exactly_once()
    {
        var addresses = Enumerable.Range(1, 7).Select(i => $"members:m{i}").ToList();
        foreach (var address in addresses)
        {
            await FundAsync(address, 10);
        }

        var seen = new List<string>();
        var query = new AccountQuery { Address = "members:", PageSize = 3 };
        var pages = 0;
        while (true)
        {
            var page = Succeeded(await Ledger.ListAccountsAsync(Book, query));
            pages++;
            Assert.True(page.Items.Count <= 3);
            Assert.All(page.Items, account => Assert.Equal(10, account.Balance(Usd)));
            seen.AddRange(page.Items.Select(account => account.Address));
            if (!page.HasMore)
            {
                Assert.Null(page.Next);
                break;
            }

            query = query with { Cursor = page.Next };
        }

        Assert.Equal(3, pages);
        Assert.Equal(addresses.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Listing_accounts_filters_by_prefix_by_segment_pattern_and_by_metadata()
    {
        foreach (var address in new[] { "wallets:w1:available", "wallets:w2:available", "wallets:w1:reserve", "banks:b1", "banks:b2" })
        {
            await FundAsync(address, 10);
        }

        Succeeded(await Ledger.SetAccountMetadataAsync(Book, "banks:b2", new Dictionary<string, string> { ["country"] = "FR" }));

        Assert.Equal(["banks:b1", "banks:b2"], await AddressesAsync(new AccountQuery { Address = "banks:" }));
        Assert.Equal(["wallets:w1:available", "wallets:w2:available"], await AddressesAsync(new AccountQuery { Address = "wallets::available" }));
        Assert.Equal(["wallets:w1:reserve"], await AddressesAsync(new AccountQuery { Address = "wallets:w1:reserve" }));
        Assert.Equal(["banks:b2"], await AddressesAsync(new AccountQuery { Metadata = new Dictionary<string, string> { ["country"] = "FR" } }));
    }

    [Fact]
    public async Task Listing_accounts_as_of_a_date_reads_the_volumes_then()
    {
        var lastWeek = DateTimeOffset.UtcNow.AddDays(-7);
        await PostAsync(TransactionRequest.FromPostings(new Posting("world", "savers:s1", 100, Usd)) with { Timestamp = lastWeek });
        await FundAsync("savers:s1", 5);

        var page = Succeeded(await Ledger.ListAccountsAsync(Book, new AccountQuery { Address = "savers:", AsOf = lastWeek.AddDays(1) }));

        Assert.Equal(100, Assert.Single(page.Items).Balance(Usd));
    }

    [Fact]
    public async Task Listing_transactions_pages_newest_first_through_every_transaction_exactly_once()
    {
        var ids = new List<long>();
        for (var i = 1; i <= 5; i++)
        {
            ids.Add((await FundAsync($"payees:p{i}", i)).Transaction.Id);
        }

        var seen = new List<long>();
        var query = new TransactionQuery { PageSize = 2 };
        while (true)
        {
            var page = Succeeded(await Ledger.ListTransactionsAsync(Book, query));
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items.Select(transaction => transaction.Id));
            if (!page.HasMore)
            {
                break;
            }

            query = query with { Cursor = page.Next };
        }

        Assert.Equal(ids.OrderDescending(), seen);
    }

    [Fact]
    public async Task Listing_transactions_filters_by_account_reference_and_metadata()
    {
        var toAnna = (await FundAsync("clients:anna", 10)).Transaction.Id;
        var toBert = await PostAsync(TransactionRequest.FromPostings(new Posting("world", "clients:bert", 20, Usd)) with
        {
            Reference = "order-42",
            Metadata = new Dictionary<string, string> { ["channel"] = "card" },
        });
        var annaToBert = await PostAsync(TransactionRequest.FromPostings(new Posting("clients:anna", "clients:bert", 5, Usd)));

        Assert.Equal([annaToBert.Transaction.Id, toAnna], await TransactionIdsAsync(new TransactionQuery { Account = "clients:anna" }));
        Assert.Equal([annaToBert.Transaction.Id, toBert.Transaction.Id], await TransactionIdsAsync(new TransactionQuery { Account = "clients:bert" }));
        Assert.Equal([toBert.Transaction.Id], await TransactionIdsAsync(new TransactionQuery { Reference = "order-42" }));
        Assert.Equal([toBert.Transaction.Id], await TransactionIdsAsync(new TransactionQuery { Metadata = new Dictionary<string, string> { ["channel"] = "card" } }));
    }

    [Fact]
    public async Task A_fresh_ledger_counts_no_transactions_and_no_accounts()
    {
        Assert.Equal(0, Succeeded(await Ledger.CountTransactionsAsync(Book)));
        Assert.Equal(0, Succeeded(await Ledger.CountAccountsAsync(Book)));
    }

    [Fact]
    public async Task Counts_equal_what_listing_every_page_returns()
    {
        await FundAsync("counted:c1", 10);
        await FundAsync("counted:c2", 20);
        var moved = await PostAsync(TransactionRequest.FromPostings(new Posting("counted:c1", "counted:c3", 4, Usd)));
        Succeeded(await Ledger.RevertAsync(Book, new RevertRequest(moved.Transaction.Id)));

        var transactions = await EveryPageAsync(cursor => Ledger.ListTransactionsAsync(Book, new TransactionQuery { PageSize = 3, Cursor = cursor }));
        var accounts = await EveryPageAsync(cursor => Ledger.ListAccountsAsync(Book, new AccountQuery { PageSize = 3, Cursor = cursor }));

        Assert.Equal(4, transactions.Count);
        Assert.Equal(["counted:c1", "counted:c2", "counted:c3", "world"], accounts.Select(account => account.Address).Order(StringComparer.Ordinal));
        Assert.Equal(transactions.Count, Succeeded(await Ledger.CountTransactionsAsync(Book)));
        Assert.Equal(accounts.Count, Succeeded(await Ledger.CountAccountsAsync(Book)));
    }

    [Fact]
    public async Task Aggregate_balances_sum_every_account_the_pattern_matches()
    {
        await FundAsync("pools:p1:available", 100);
        await FundAsync("pools:p2:available", 50);
        await FundAsync("pools:p1:reserve", 7);
        await PostAsync(TransactionRequest.FromPostings(new Posting("world", "pools:p2:available", 9, "EUR/2")));

        var available = Succeeded(await Ledger.AggregateBalancesAsync(Book, "pools::available"));
        var reserve = Succeeded(await Ledger.AggregateBalancesAsync(Book, "pools:p1:reserve"));

        Assert.Equal(150, available[Usd]);
        Assert.Equal(9, available["EUR/2"]);
        Assert.Equal(7, reserve[Usd]);
        Assert.Equal(-157, Succeeded(await Ledger.AggregateBalancesAsync(Book, "world"))[Usd]);
    }

    [Fact]
    public async Task Aggregate_balances_without_a_pattern_sum_the_whole_ledger_to_zero()
    {
        await FundAsync("pools:p1:available", 100);
        await PostAsync(TransactionRequest.FromPostings(new Posting("world", "pools:p2:available", 9, "EUR/2")));

        var whole = Succeeded(await Ledger.AggregateBalancesAsync(Book, addressPattern: null));

        // Every posting leaves one account and enters another: over every account, each asset sums to zero.
        Assert.Equal(0, whole[Usd]);
        Assert.Equal(0, whole["EUR/2"]);
        Assert.Equal(2, whole.Count);
    }

    [Fact]
    public async Task Account_metadata_can_be_added_and_deleted()
    {
        await FundAsync("shops:s1", 1);

        Succeeded(await Ledger.SetAccountMetadataAsync(Book, "shops:s1", new Dictionary<string, string> { ["tier"] = "gold", ["city"] = "Lyon" }));
        Succeeded(await Ledger.SetAccountMetadataAsync(Book, "shops:s1", new Dictionary<string, string> { ["tier"] = "silver" }));
        Succeeded(await Ledger.DeleteAccountMetadataAsync(Book, "shops:s1", "city"));

        var account = Succeeded(await Ledger.GetAccountAsync(Book, "shops:s1"));
        Assert.Equal(new Dictionary<string, string> { ["tier"] = "silver" }, account.Metadata);
        Assert.Equal(1, account.Balance(Usd));
    }

    [Fact]
    public async Task Transaction_metadata_can_be_added_and_deleted_without_touching_the_postings()
    {
        var posted = await PostAsync(TransactionRequest.FromPostings(new Posting("world", "shops:s2", 3, Usd)) with
        {
            Metadata = new Dictionary<string, string> { ["order"] = "o-9" },
        });

        Succeeded(await Ledger.SetTransactionMetadataAsync(Book, posted.Transaction.Id, new Dictionary<string, string> { ["audited"] = "yes", ["note"] = "x" }));
        Succeeded(await Ledger.DeleteTransactionMetadataAsync(Book, posted.Transaction.Id, "note"));

        var transaction = Succeeded(await Ledger.GetTransactionAsync(Book, posted.Transaction.Id));
        Assert.Equal(new Dictionary<string, string> { ["order"] = "o-9", ["audited"] = "yes" }, transaction.Metadata);
        Assert.Equal(posted.Transaction.Postings, transaction.Postings);
    }

    [Fact]
    public async Task An_account_never_used_has_no_volumes_and_no_metadata()
    {
        var account = Succeeded(await Ledger.GetAccountAsync(Book, "users:nobody"));

        Assert.Equal("users:nobody", account.Address);
        Assert.Empty(account.Volumes);
        Assert.Empty(account.Metadata);
        Assert.Equal(0, account.Balance(Usd));
    }

    [Fact]
    public async Task Creating_a_ledger_that_exists_is_a_success()
    {
        await FundAsync("users:again", 1);

        Succeeded(await Ledger.CreateLedgerAsync(Book));

        Assert.Equal(1, await BalanceAsync("users:again"));
    }

    [Fact]
    public async Task An_unknown_ledger_is_reported_as_ledger_not_found()
    {
        var unknown = $"missing-{Guid.NewGuid():N}"[..30];

        Assert.Equal(LedgerErrors.LedgerNotFoundCode, Failed(await Ledger.PostAsync(unknown, TransactionRequest.FromPostings(new Posting("world", "users:a", 1, Usd)))).Code);
        Assert.Equal(LedgerErrors.LedgerNotFoundCode, Failed(await Ledger.GetAccountAsync(unknown, "users:a")).Code);
        Assert.Equal(LedgerErrors.LedgerNotFoundCode, Failed(await Ledger.GetTransactionAsync(unknown, 1)).Code);
        Assert.Equal(LedgerErrors.LedgerNotFoundCode, Failed(await Ledger.ListTransactionsAsync(unknown, new TransactionQuery())).Code);
        Assert.Equal(LedgerErrors.LedgerNotFoundCode, Failed(await Ledger.ListAccountsAsync(unknown, new AccountQuery())).Code);
        Assert.Equal(LedgerErrors.LedgerNotFoundCode, Failed(await Ledger.AggregateBalancesAsync(unknown, "users:")).Code);
        Assert.Equal(LedgerErrors.LedgerNotFoundCode, Failed(await Ledger.CountTransactionsAsync(unknown)).Code);
        Assert.Equal(LedgerErrors.LedgerNotFoundCode, Failed(await Ledger.CountAccountsAsync(unknown)).Code);
        Assert.Equal(LedgerErrors.LedgerNotFoundCode, Failed(await Ledger.GetLedgerAsync(unknown)).Code);
    }

    [Fact]
    public async Task A_ledger_reads_back_with_its_name_and_creation_date()
    {
        var ledger = Succeeded(await Ledger.GetLedgerAsync(Book));

        Assert.Equal(Book, ledger.Name);
        // Clocks of the test and of the ledger's server differ; the date must be recent, not exact.
        Assert.InRange(ledger.AddedAt, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1));
        Assert.Equal(TimeSpan.Zero, ledger.AddedAt.Offset);
    }

    [Fact]
    public async Task An_unknown_transaction_is_not_found()
    {
        var posted = await FundAsync("users:known", 1);
        var unknown = posted.Transaction.Id + 1_000_000;

        Assert.Equal(ErrorCodes.NotFound, Failed(await Ledger.GetTransactionAsync(Book, unknown)).Code);
        Assert.Equal(ErrorCodes.NotFound, Failed(await Ledger.RevertAsync(Book, new RevertRequest(unknown))).Code);
        Assert.Equal(ErrorCodes.NotFound, Failed(await Ledger.SetTransactionMetadataAsync(Book, unknown, new Dictionary<string, string> { ["a"] = "b" })).Code);
        Assert.Single(await AllTransactionsAsync());
    }

    private Task<PostResult> FundAsync(string account, BigInteger amount) =>
        PostAsync(TransactionRequest.FromPostings(new Posting("world", account, amount, Usd)));

    private async Task<PostResult> PostAsync(TransactionRequest request) => Succeeded(await Ledger.PostAsync(Book, request));

    private async Task<BigInteger> BalanceAsync(string account, DateTimeOffset? asOf = null) =>
        Succeeded(await Ledger.GetAccountAsync(Book, account, asOf)).Balance(Usd);

    private async Task<List<LedgerTransaction>> AllTransactionsAsync() =>
        [.. Succeeded(await Ledger.ListTransactionsAsync(Book, new TransactionQuery { PageSize = 100 })).Items];

    private async Task<List<string>> AddressesAsync(AccountQuery query) =>
        [.. Succeeded(await Ledger.ListAccountsAsync(Book, query with { PageSize = 100 })).Items.Select(account => account.Address).Order(StringComparer.Ordinal)];

    private async Task<List<long>> TransactionIdsAsync(TransactionQuery query) =>
        [.. Succeeded(await Ledger.ListTransactionsAsync(Book, query with { PageSize = 100 })).Items.Select(transaction => transaction.Id)];

    private static async Task<List<T>> EveryPageAsync<T>(Func<string?, Task<Result<Page<T>>>> list)
    {
        var items = new List<T>();
        string? cursor = null;
        do
        {
            var page = Succeeded(await list(cursor));
            items.AddRange(page.Items);
            cursor = page.HasMore ? page.Next : null;
        }
        while (cursor is not null);

        return items;
    }

    private static T Succeeded<T>(Result<T> result)
    {
        Assert.True(result.IsSuccess, $"Expected a success, got {result.Error}");
        return result.Value;
    }

    private static Error Failed<T>(Result<T> result)
    {
        Assert.False(result.IsSuccess, $"Expected a failure, got {result}");
        return result.Error;
    }
}
