using Npgsql;
using WalletFlow.Domain.Errors;
using WalletFlow.Ledger;
using WalletFlow.Ledger.Embedded;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Ledger.Embedded;

/// <summary>A caller's rows (claims, command state, outbox) commit in the ledger batch's own database transaction.</summary>
public sealed class EmbeddedLedgerParticipantTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string Book = EmbeddedBook.Name;
    private EmbeddedBook _book = null!;

    public async ValueTask InitializeAsync()
    {
        _book = await EmbeddedBook.CreateAsync(postgres, nameof(EmbeddedLedgerParticipantTests));
        await using var command = _book.Database.CreateCommand("create table outbox (key text primary key, transaction_id bigint)");
        await command.ExecuteNonQueryAsync();
    }

    public ValueTask DisposeAsync() => _book.DisposeAsync();

    [Fact]
    public async Task A_participants_rows_commit_with_the_postings_and_see_their_ids()
    {
        var results = await _book.Ledger.PostBatchAsync(Book, [Payin("wallets:p1:available", 100)], new Outbox(call => $"event-{call}"));

        var id = results[0].Value.Transaction.Id;
        Assert.Equal([("event-1", id)], await OutboxAsync());
    }

    [Fact]
    public async Task A_participant_that_fails_rolls_the_postings_back_with_it()
    {
        var failing = new Outbox(_ => throw new InvalidOperationException("the outbox is full"));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => _book.Ledger.PostBatchAsync(Book, [Payin("wallets:p2:available", 100)], failing));

        Assert.Equal("the outbox is full", failure.Message);
        Assert.Equal(0, (await _book.Ledger.GetAccountAsync(Book, "wallets:p2:available")).Value.Balance("USD/2"));
        Assert.Empty((await _book.Ledger.ListTransactionsAsync(Book, new TransactionQuery())).Value.Items);
        Assert.Empty(await OutboxAsync());
    }

    [Fact]
    public async Task A_participant_that_votes_to_roll_back_undoes_the_postings_and_its_rows_and_every_transaction_fails_as_rolled_back()
    {
        var refusing = new Outbox(call => $"event-{call}", verdict: ParticipantVerdict.RollBack);

        var results = await _book.Ledger.PostBatchAsync(Book,
        [
            Payin("wallets:p6:available", 100),
            TransactionRequest.FromPostings(new Posting("wallets:p6:available", "wallets:p7:available", 101, "USD/2")),
        ], refusing);

        Assert.All(results, result => Assert.Equal(LedgerErrors.RolledBackCode, result.Error?.Code));
        Assert.Equal(1, refusing.Calls);
        Assert.Equal(0, (await _book.Ledger.GetAccountAsync(Book, "wallets:p6:available")).Value.Balance("USD/2"));
        Assert.Empty((await _book.Ledger.ListTransactionsAsync(Book, new TransactionQuery())).Value.Items);
        Assert.Empty(await OutboxAsync());
    }

    [Fact]
    public async Task A_claim_taken_meanwhile_reruns_the_whole_batch_once_and_commits_it_once()
    {
        await using (var taken = _book.Database.CreateCommand("insert into outbox values ('taken', null)"))
        {
            await taken.ExecuteNonQueryAsync();
        }

        // The first attempt collides with the committed 'taken' row; the batch rolls back and runs again.
        var outbox = new Outbox(call => call == 1 ? "taken" : $"event-{call}");
        var results = await _book.Ledger.PostBatchAsync(Book, [Payin("wallets:p3:available", 100)], outbox);

        Assert.Equal(2, outbox.Calls);
        Assert.Equal(100, (await _book.Ledger.GetAccountAsync(Book, "wallets:p3:available")).Value.Balance("USD/2"));
        Assert.Single((await _book.Ledger.ListTransactionsAsync(Book, new TransactionQuery())).Value.Items);
        Assert.Contains(("event-2", results[0].Value.Transaction.Id), await OutboxAsync());
    }

    [Fact]
    public async Task A_participant_sees_every_result_of_the_batch_refusals_included()
    {
        var seen = new List<string>();
        var outbox = new Outbox(call => $"event-{call}", results => seen.AddRange(results.Select(result => result.IsSuccess ? "posted" : result.Error!.Code)));

        await _book.Ledger.PostBatchAsync(Book,
        [
            Payin("wallets:p4:available", 10),
            TransactionRequest.FromPostings(new Posting("wallets:p4:available", "wallets:p5:available", 11, "USD/2")),
        ], outbox);

        Assert.Equal(["posted", ErrorCodes.InsufficientFunds], seen);
    }

    private static TransactionRequest Payin(string wallet, int amount) =>
        TransactionRequest.FromPostings(new Posting("world", wallet, amount, "USD/2"));

    private async Task<List<(string Key, long? TransactionId)>> OutboxAsync()
    {
        var rows = new List<(string, long?)>();
        await using var command = _book.Database.CreateCommand("select key, transaction_id from outbox where key <> 'taken' order by key");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt64(1)));
        }

        return rows;
    }

    /// <summary>Writes one outbox row per posted transaction, keyed by <paramref name="keyOfCall"/> (the call's number, from 1).</summary>
    private sealed class Outbox(
        Func<int, string> keyOfCall, Action<IReadOnlyList<Result<PostResult>>>? observe = null, ParticipantVerdict verdict = ParticipantVerdict.Commit) : ILedgerBatchParticipant
    {
        public int Calls { get; private set; }

        public async Task<ParticipantVerdict> WriteAsync(NpgsqlConnection connection, IReadOnlyList<Result<PostResult>> results, CancellationToken cancellationToken)
        {
            Calls++;
            observe?.Invoke(results);
            var key = keyOfCall(Calls);
            foreach (var result in results.Where(result => result.IsSuccess))
            {
                await using var command = new NpgsqlCommand("insert into outbox (key, transaction_id) values ($1, $2)", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = key });
                command.Parameters.Add(new NpgsqlParameter { Value = result.Value.Transaction.Id });
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return verdict;
        }
    }
}
