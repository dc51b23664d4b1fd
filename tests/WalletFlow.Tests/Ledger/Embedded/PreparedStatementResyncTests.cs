using Npgsql;
using WalletFlow.Domain.Errors;
using WalletFlow.Ledger;
using WalletFlow.Ledger.Embedded;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Ledger.Embedded;

/// <summary>
/// A statement the server refuses while Npgsql is auto-preparing it (a value its parameter type cannot hold fails at
/// Bind) left Npgsql's record of prepared statements out of step with the server's, and the next batch on that pooled
/// connection failed with "Received unexpected backend message DataRow. Please file a bug." The ledger now resyncs a
/// connection after any server error, so the next batch, the failed one's retry included, runs cleanly.
/// </summary>
public sealed class PreparedStatementResyncTests(PostgresFixture postgres) : IAsyncLifetime
{
    private NpgsqlDataSource _database = null!;
    private EmbeddedLedger _ledger = null!;

    public async ValueTask InitializeAsync()
    {
        // One connection, so every batch meets the connection the failure left behind; preparation on the second use.
        var connectionString = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync(nameof(PreparedStatementResyncTests)))
        {
            MaxPoolSize = 1,
            MaxAutoPrepare = 64,
            AutoPrepareMinUsages = 2,
        };
        _database = NpgsqlDataSource.Create(connectionString.ConnectionString);
        _ledger = new EmbeddedLedger(_database, TimeProvider.System);
        await _ledger.CreateLedgerAsync(EmbeddedBook.Name);
        await using var table = _database.CreateCommand("create table notes (id bigserial primary key, body jsonb not null)");
        await table.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await LedgerInvariants.AssertHoldAsync(_database, EmbeddedBook.Name);
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_batch_refused_at_bind_while_its_statement_was_being_prepared_leaves_the_next_batches_working()
    {
        Assert.True((await PostAsync("""{"note":"first"}""", "wallets:r1:available")).IsSuccess);

        // jsonb cannot hold \u0000: Postgres refuses the parameter at Bind, on the statement's second (preparing) use.
        var refused = await Assert.ThrowsAsync<PostgresException>(() => PostAsync("""{"note":"\u0000"}""", "wallets:r2:available"));
        Assert.Equal(PostgresErrorCodes.UntranslatableCharacter, refused.SqlState);

        for (var i = 3; i < 8; i++)
        {
            var posted = await PostAsync($$"""{"note":"after {{i}}"}""", $"wallets:r{i}:available");
            Assert.True(posted.IsSuccess, posted.ToString());
        }

        Assert.Equal(6L, (long)(await _database.CreateCommand("select count(*) from notes").ExecuteScalarAsync())!);
        Assert.Equal(0, (await _ledger.GetAccountAsync(EmbeddedBook.Name, "wallets:r2:available")).Value.Balance("USD/2"));
    }

    [Fact]
    public async Task Text_Postgres_cannot_store_is_refused_by_the_ledger_before_any_statement()
    {
        var request = TransactionRequest.FromPostings(new Posting("world", "wallets:n1:available", 100, "USD/2")) with
        {
            Metadata = new Dictionary<string, string> { ["reference"] = "inv\u0000-1" },
        };

        var refused = await _ledger.PostAsync(EmbeddedBook.Name, request);
        var surrogate = await _ledger.SetTransactionMetadataAsync(EmbeddedBook.Name, 1, new Dictionary<string, string> { ["note"] = "\ud800" });

        Assert.Equal((ErrorCodes.Validation, "metadata"), (refused.Error?.Code, refused.Error?.Field));
        Assert.Equal((ErrorCodes.Validation, "metadata"), (surrogate.Error?.Code, surrogate.Error?.Field));
    }

    private async Task<Result<PostResult>> PostAsync(string note, string wallet) =>
        (await _ledger.PostBatchAsync(EmbeddedBook.Name, [TransactionRequest.FromPostings(new Posting("world", wallet, 100, "USD/2"))], new Notes(note)))[0];

    /// <summary>Writes one jsonb row in the batch's transaction, as the wallet core's journal writes its claims.</summary>
    private sealed class Notes(string body) : ILedgerBatchParticipant
    {
        public async Task<ParticipantVerdict> WriteAsync(NpgsqlConnection connection, IReadOnlyList<Result<PostResult>> results, CancellationToken cancellationToken)
        {
            await using var command = new NpgsqlCommand("insert into notes (body) values ($1) returning id", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = body, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
            }

            return ParticipantVerdict.Commit;
        }
    }
}
