using System.Numerics;
using Npgsql;
using WalletFlow.Domain.Errors;
using WalletFlow.Ledger;
using WalletFlow.Ledger.Embedded;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Ledger.Embedded;

/// <summary>What is particular to the embedded ledger: its storage rules. The behaviour every adapter shares is in the contract suite.</summary>
public sealed class EmbeddedLedgerTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string Book = EmbeddedBook.Name;
    private EmbeddedBook _book = null!;

    public async ValueTask InitializeAsync() => _book = await EmbeddedBook.CreateAsync(postgres, nameof(EmbeddedLedgerTests));

    public ValueTask DisposeAsync() => _book.DisposeAsync();

    [Fact]
    public async Task A_payin_then_a_transfer_moves_exactly_the_amounts_and_reports_post_commit_volumes()
    {
        var payin = await _book.Ledger.PostAsync(Book, TransactionRequest.FromPostings(new Posting("world", "wallets:a:available", 10_000, "USD/2")));
        var transfer = await _book.Ledger.PostAsync(Book, TransactionRequest.FromScript(
            "vars { monetary $amount\n account $from\n account $to }\nsend $amount (\n source = $from\n destination = $to\n)",
            new Dictionary<string, string> { ["amount"] = "USD/2 2500", ["from"] = "wallets:a:available", ["to"] = "wallets:b:available" }));

        Assert.True(payin.IsSuccess, payin.Error?.ToString());
        Assert.True(transfer.IsSuccess, transfer.Error?.ToString());
        Assert.Equal(new Volumes(10_000, 2_500), transfer.Value.Transaction.PostCommitVolumes["wallets:a:available"]["USD/2"]);
        Assert.Equal(7_500, (await _book.Ledger.GetAccountAsync(Book, "wallets:a:available")).Value.Balance("USD/2"));
        Assert.Equal(2_500, (await _book.Ledger.GetAccountAsync(Book, "wallets:b:available")).Value.Balance("USD/2"));
        Assert.Equal(-10_000, (await _book.Ledger.GetAccountAsync(Book, "world")).Value.Balance("USD/2"));
    }

    [Fact]
    public async Task An_overdraft_is_refused_with_the_account_balance_and_amount_and_writes_nothing()
    {
        await _book.Ledger.PostAsync(Book, TransactionRequest.FromPostings(new Posting("world", "wallets:poor:available", 100, "USD/2")));

        var refused = await _book.Ledger.PostAsync(Book, TransactionRequest.FromPostings(new Posting("wallets:poor:available", "wallets:rich:available", 101, "USD/2")));

        Assert.False(refused.IsSuccess);
        Assert.Equal(ErrorCodes.InsufficientFunds, refused.Error.Code);
        Assert.Contains("wallets:poor:available has 100 USD/2 and cannot send 101", refused.Error.Message);
        Assert.Equal(0, (await _book.Ledger.GetAccountAsync(Book, "wallets:rich:available")).Value.Balance("USD/2"));
        Assert.Equal(1, await CountAsync("select count(*) from ledger.transactions"));
    }

    [Fact]
    public async Task A_bounded_transaction_that_would_leave_a_balance_beyond_64_bits_is_refused_and_an_unbounded_one_is_not()
    {
        static TransactionRequest Pay(string from, string to, long amount) => TransactionRequest.FromPostings(new Posting(from, to, amount, "USD/2"));
        await _book.Ledger.PostAsync(Book, Pay("world", "wallets:a:available", long.MaxValue));
        var full = await _book.Ledger.PostAsync(Book, Pay("wallets:a:available", "wallets:b:available", long.MaxValue));
        await _book.Ledger.PostAsync(Book, Pay("world", "wallets:a:available", 1));

        var credit = await _book.Ledger.PostAsync(Book, Pay("world", "wallets:b:available", 1) with { Bounded = true });
        var revert = await _book.Ledger.RevertAsync(Book, new RevertRequest(full.Value.Transaction.Id) { Bounded = true });
        var unbounded = await _book.Ledger.PostAsync(Book, Pay("world", "wallets:b:available", 1));

        Assert.Equal(ErrorCodes.BalanceOutOfRange, credit.Error?.Code);
        Assert.Equal("wallets:b:available", credit.Error?.Field);
        Assert.Contains($"would hold {(BigInteger)long.MaxValue + 1} USD/2", credit.Error?.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.BalanceOutOfRange, revert.Error?.Code);
        Assert.Equal("wallets:a:available", revert.Error?.Field);
        Assert.True(unbounded.IsSuccess, unbounded.Error?.ToString());
        Assert.Equal((BigInteger)long.MaxValue + 1, (await _book.Ledger.GetAccountAsync(Book, "wallets:b:available")).Value.Balance("USD/2"));
        Assert.Equal(1, (await _book.Ledger.GetAccountAsync(Book, "wallets:a:available")).Value.Balance("USD/2"));
        Assert.Equal(4, await CountAsync("select count(*) from ledger.transactions"));
    }

    [Fact]
    public async Task A_batch_commits_each_transaction_on_its_own_and_later_ones_see_earlier_ones()
    {
        var results = await _book.Ledger.PostBatchAsync(Book,
        [
            TransactionRequest.FromPostings(new Posting("world", "wallets:x:available", 50, "EUR/2")),
            TransactionRequest.FromPostings(new Posting("wallets:x:available", "wallets:y:available", 80, "EUR/2")),
            TransactionRequest.FromPostings(new Posting("wallets:x:available", "wallets:y:available", 30, "EUR/2")),
        ]);

        Assert.True(results[0].IsSuccess);
        Assert.Equal(ErrorCodes.InsufficientFunds, results[1].Error?.Code);
        Assert.True(results[2].IsSuccess);
        Assert.Equal(20, (await _book.Ledger.GetAccountAsync(Book, "wallets:x:available")).Value.Balance("EUR/2"));
    }

    [Fact]
    public async Task The_same_key_and_request_replay_and_a_different_request_is_a_conflict()
    {
        var request = TransactionRequest.FromPostings(new Posting("world", "wallets:k:available", 7, "USD/2")) with { IdempotencyKey = "key-1" };

        var first = await _book.Ledger.PostAsync(Book, request);
        var replay = await _book.Ledger.PostAsync(Book, request);
        var conflict = await _book.Ledger.PostAsync(Book, request with { Postings = [new Posting("world", "wallets:k:available", 8, "USD/2")] });

        Assert.False(first.Value.IdempotencyHit);
        Assert.True(replay.Value.IdempotencyHit);
        Assert.Equal(first.Value.Transaction.Id, replay.Value.Transaction.Id);
        Assert.Equal(first.Value.Transaction.PostCommitVolumes["wallets:k:available"]["USD/2"], replay.Value.Transaction.PostCommitVolumes["wallets:k:available"]["USD/2"]);
        Assert.Equal(ErrorCodes.IdempotencyConflict, conflict.Error?.Code);
        Assert.Equal(7, (await _book.Ledger.GetAccountAsync(Book, "wallets:k:available")).Value.Balance("USD/2"));
    }

    [Fact]
    public async Task A_post_answers_the_timestamps_a_later_read_and_a_replay_show()
    {
        var request = TransactionRequest.FromPostings(new Posting("world", "wallets:ts:available", 1, "USD/2")) with
        {
            IdempotencyKey = "timestamps",
            Timestamp = new DateTimeOffset(2026, 11, 20, 9, 30, 15, TimeSpan.Zero).AddTicks(1_234_567),
        };

        var posted = (await _book.Ledger.PostAsync(Book, request)).Value.Transaction;
        var read = (await _book.Ledger.GetTransactionAsync(Book, posted.Id)).Value;
        var replayed = (await _book.Ledger.PostAsync(Book, request)).Value.Transaction;

        Assert.Equal(read.Timestamp, posted.Timestamp);
        Assert.Equal(read.InsertedAt, posted.InsertedAt);
        Assert.Equal(posted.Timestamp, replayed.Timestamp);
        Assert.Equal(0, posted.Timestamp.UtcTicks % 10);
    }

    [Fact]
    public async Task A_revert_moves_every_leg_back_once_and_only_once()
    {
        var posted = await _book.Ledger.PostAsync(Book, TransactionRequest.FromPostings(
            new Posting("world", "wallets:r:available", 300, "USD/2"),
            new Posting("wallets:r:available", "fees:payin", 3, "USD/2")));

        var reverted = await _book.Ledger.RevertAsync(Book, new RevertRequest(posted.Value.Transaction.Id));
        var again = await _book.Ledger.RevertAsync(Book, new RevertRequest(posted.Value.Transaction.Id));

        Assert.True(reverted.IsSuccess, reverted.Error?.ToString());
        Assert.Equal(posted.Value.Transaction.Id, reverted.Value.Transaction.RevertsTransactionId);
        Assert.Equal(LedgerErrors.AlreadyRevertedCode, again.Error?.Code);
        Assert.Equal(0, (await _book.Ledger.GetAccountAsync(Book, "wallets:r:available")).Value.Balance("USD/2"));
        Assert.Equal(0, (await _book.Ledger.GetAccountAsync(Book, "fees:payin")).Value.Balance("USD/2"));
        Assert.Equal(reverted.Value.Transaction.Id, (await _book.Ledger.GetTransactionAsync(Book, posted.Value.Transaction.Id)).Value.RevertedByTransactionId);
    }

    [Fact]
    public async Task World_is_spread_over_shards_yet_reads_as_one_balance()
    {
        await _book.Ledger.PostBatchAsync(Book, Enumerable.Range(0, 40).Select(i =>
            TransactionRequest.FromPostings(new Posting("world", $"wallets:w{i}:available", 10, "USD/2"))).ToList());
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            _book.Ledger.PostAsync(Book, TransactionRequest.FromPostings(new Posting("world", $"wallets:v{i}:available", 10, "USD/2")))));

        Assert.Equal(-800, (await _book.Ledger.GetAccountAsync(Book, "world")).Value.Balance("USD/2"));
        Assert.True(await CountAsync("select count(*) from ledger.volumes where account = 'world'") > 1);
    }

    [Fact]
    public async Task The_books_refuse_to_be_rewritten()
    {
        await _book.Ledger.PostAsync(Book, TransactionRequest.FromPostings(new Posting("world", "wallets:h:available", 1, "USD/2")));

        var update = await Assert.ThrowsAsync<PostgresException>(() => CountAsync("update ledger.postings set amount = 2 returning 1"));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => CountAsync("delete from ledger.transactions returning 1"));

        Assert.Equal("WF001", update.SqlState);
        Assert.Equal("WF001", delete.SqlState);
    }

    [Fact]
    public async Task Balances_as_of_a_date_count_only_what_was_effective_by_then()
    {
        var monday = new DateTimeOffset(2026, 11, 16, 12, 0, 0, TimeSpan.Zero);
        await _book.Ledger.PostAsync(Book, TransactionRequest.FromPostings(new Posting("world", "wallets:t:available", 100, "USD/2")) with { Timestamp = monday });
        await _book.Ledger.PostAsync(Book, TransactionRequest.FromPostings(new Posting("world", "wallets:t:available", 50, "USD/2")) with { Timestamp = monday.AddDays(2) });

        var tuesday = await _book.Ledger.GetAccountAsync(Book, "wallets:t:available", monday.AddDays(1));
        var now = await _book.Ledger.GetAccountAsync(Book, "wallets:t:available");

        Assert.Equal(100, tuesday.Value.Balance("USD/2"));
        Assert.Equal(150, now.Value.Balance("USD/2"));
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var command = _book.Database.CreateCommand(sql);
        var value = await command.ExecuteScalarAsync();
        return Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
