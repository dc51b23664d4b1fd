using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;
using WalletFlow.Domain.Errors;
using WalletFlow.Ledger.Numscript.Runtime;

namespace WalletFlow.Ledger.Embedded;

/// <summary>
/// WalletFlow's own double-entry ledger on Postgres (schema <c>ledger</c>, migration 0002): insert-only transactions
/// and postings, volumes kept in the same database transaction, overdraft checked against locked volumes.
/// docs/ledger.md describes the write path and its guarantees.
/// </summary>
public sealed partial class EmbeddedLedger : ILedger
{
    private const int MaxPageSize = 1000;

    private readonly NpgsqlDataSource _dataSource;
    private readonly LedgerReader _reader = new();
    private readonly BatchWriter _writer;

    public EmbeddedLedger(NpgsqlDataSource dataSource, TimeProvider timeProvider)
    {
        _dataSource = dataSource;
        _writer = new BatchWriter(dataSource, _reader, timeProvider);
    }

    public async Task<Result<string>> CreateLedgerAsync(string ledger, CancellationToken cancellationToken = default)
    {
        if (!LedgerName().IsMatch(ledger))
        {
            return Error.Validation($"'{ledger}' is not a ledger name: 1 to 63 letters, digits, '_' or '-'.", "ledger");
        }

        await using var command = _dataSource.CreateCommand("insert into ledger.ledgers (name) values ($1) on conflict (name) do nothing");
        command.Parameters.Add(new NpgsqlParameter { Value = ledger });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ledger;
    }

    public async Task<Result<LedgerInfo>> GetLedgerAsync(string ledger, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("select created_at from ledger.ledgers where name = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = ledger });
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime createdAt
            ? new LedgerInfo(ledger, new DateTimeOffset(createdAt, TimeSpan.Zero))
            : LedgerErrors.LedgerNotFound(ledger);
    }

    public async Task<Result<Page<LedgerInfo>>> ListLedgersAsync(LedgerQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (ValidatePage(query.PageSize, query.Cursor, out var after) is { } invalid)
        {
            return invalid;
        }

        await using var command = _dataSource.CreateCommand(
            """select name, created_at from ledger.ledgers where name collate "C" > $1 order by name collate "C" limit $2""");
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        command.Parameters.Add(new NpgsqlParameter { Value = query.PageSize + 1 });
        var ledgers = new List<LedgerInfo>();
        await using (var rows = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await rows.ReadAsync(cancellationToken))
            {
                ledgers.Add(new LedgerInfo(rows.GetString(0), rows.GetFieldValue<DateTimeOffset>(1)));
            }
        }

        return PageOf(ledgers, query.PageSize, ledger => ledger.Name);
    }

    public async Task<Result<PostResult>> PostAsync(string ledger, TransactionRequest request, CancellationToken cancellationToken = default) =>
        (await PostBatchAsync(ledger, [request], cancellationToken))[0];

    public Task<IReadOnlyList<Result<PostResult>>> PostBatchAsync(string ledger, IReadOnlyList<TransactionRequest> requests, CancellationToken cancellationToken = default) =>
        PostBatchAsync(ledger, requests, participant: null, cancellationToken);

    /// <summary>
    /// Posts a batch and lets <paramref name="participant"/> write rows of its own (a command's idempotency claim, its
    /// state, its outbox events) in the same database transaction, after the ledger's rows and before the commit:
    /// both commit, or neither does. This is what only the embedded ledger can offer; with Formance the caller claims
    /// first and recovers pending claims instead.
    /// </summary>
    public Task<IReadOnlyList<Result<PostResult>>> PostBatchAsync(
        string ledger, IReadOnlyList<TransactionRequest> requests, ILedgerBatchParticipant? participant, CancellationToken cancellationToken = default) =>
        _writer.WriteAsync(ledger, requests.Select(request => RequestValidation.Validate(request)).ToList(), participant, cancellationToken);

    public Task<Result<PostResult>> RevertAsync(string ledger, RevertRequest request, CancellationToken cancellationToken = default) =>
        RevertAsync(ledger, request, participant: null, cancellationToken);

    /// <summary>Reverts a transaction and lets <paramref name="participant"/> write its rows in the same database transaction (see <see cref="PostBatchAsync(string, IReadOnlyList{TransactionRequest}, ILedgerBatchParticipant?, CancellationToken)"/>).</summary>
    public async Task<Result<PostResult>> RevertAsync(string ledger, RevertRequest request, ILedgerBatchParticipant? participant, CancellationToken cancellationToken = default)
    {
        var reversal = await ReversalAsync(ledger, request, cancellationToken);
        if (!reversal.TryGetValue(out var valid, out var error))
        {
            return error;
        }

        var results = await _writer.WriteAsync(ledger, [RequestValidation.Validate(valid, request.TransactionId)], participant, cancellationToken);
        return results[0];
    }

    /// <summary>The transaction that reverts <paramref name="request"/>'s: every leg of the original, the other way, in reverse order.</summary>
    private async Task<Result<TransactionRequest>> ReversalAsync(string ledger, RevertRequest request, CancellationToken cancellationToken)
    {
        var found = await GetTransactionAsync(ledger, request.TransactionId, cancellationToken);
        if (!found.TryGetValue(out var original, out var error))
        {
            return error;
        }

        return new TransactionRequest
        {
            Postings = original.Postings.Reverse().Select(posting => posting with { Source = posting.Destination, Destination = posting.Source }).ToList(),
            Metadata = new Dictionary<string, string>(request.Metadata) { [LedgerTransaction.RevertsMetadataKey] = original.Id.ToString(CultureInfo.InvariantCulture) },
            Timestamp = request.AtEffectiveDate ? original.Timestamp : null,
            Force = request.Force,
            Bounded = request.Bounded,
            IdempotencyKey = request.IdempotencyKey,
        };
    }

    public async Task<Result<LedgerTransaction>> GetTransactionAsync(string ledger, long id, CancellationToken cancellationToken = default)
    {
        return await OnLedgerAsync<LedgerTransaction>(ledger, async connection =>
        {
            var found = await _reader.GetTransactionsAsync(connection, ledger, [id], cancellationToken);
            return found.TryGetValue(id, out var transaction) ? transaction : LedgerErrors.TransactionNotFound(id);
        }, cancellationToken);
    }

    public Task<Result<IReadOnlyDictionary<long, LedgerTransaction>>> GetTransactionsAsync(string ledger, IReadOnlyList<long> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return OnLedgerAsync<IReadOnlyDictionary<long, LedgerTransaction>>(
            ledger, async connection => await _reader.GetTransactionsAsync(connection, ledger, [.. ids.Distinct()], cancellationToken), cancellationToken);
    }

    public async Task<Result<AccountView>> GetAccountAsync(string ledger, string address, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        if (!LedgerNames.IsValidAccount(address))
        {
            return new Error(ErrorCodes.InvalidAddress, $"'{address}' is not a valid account address.", "address");
        }

        return await OnLedgerAsync<AccountView>(ledger, async connection =>
        {
            await using var command = new NpgsqlCommand("select metadata from ledger.accounts where ledger = $1 and address = $2", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = ledger });
            command.Parameters.Add(new NpgsqlParameter { Value = address });
            var metadata = await command.ExecuteScalarAsync(cancellationToken) is string json ? ParseMetadata(json) : new Dictionary<string, string>();
            var volumes = await _reader.GetVolumesAsync(connection, ledger, [address], asOf, cancellationToken);
            return new AccountView(address, metadata, volumes.GetValueOrDefault(address) ?? []);
        }, cancellationToken);
    }

    public async Task<Result<Page<AccountView>>> ListAccountsAsync(string ledger, AccountQuery query, CancellationToken cancellationToken = default)
    {
        if (ValidatePage(query.PageSize, query.Cursor, out var after) is { } invalid)
        {
            return invalid;
        }

        var regex = AddressFilter.ToRegex(query.Address);
        if (!regex.IsSuccess)
        {
            return regex.Error;
        }

        return await OnLedgerAsync<Page<AccountView>>(ledger, async connection =>
        {
            await using var command = new NpgsqlCommand(
                """
                select address, metadata from ledger.accounts
                where ledger = $1 and address ~ $2 and metadata @> $3 and address > $4
                order by address collate "C" limit $5
                """, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = ledger });
            command.Parameters.Add(new NpgsqlParameter { Value = regex.Value });
            command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(query.Metadata), NpgsqlDbType = NpgsqlDbType.Jsonb });
            command.Parameters.Add(new NpgsqlParameter { Value = after });
            command.Parameters.Add(new NpgsqlParameter { Value = query.PageSize + 1 });

            var accounts = new List<(string Address, Dictionary<string, string> Metadata)>();
            await using (var rows = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await rows.ReadAsync(cancellationToken))
                {
                    accounts.Add((rows.GetString(0), ParseMetadata(rows.GetString(1))));
                }
            }

            var hasMore = accounts.Count > query.PageSize;
            var page = accounts.Take(query.PageSize).ToList();
            var volumes = await _reader.GetVolumesAsync(connection, ledger, page.Select(account => account.Address).ToArray(), query.AsOf, cancellationToken);
            var views = page.Select(account => new AccountView(account.Address, account.Metadata, volumes.GetValueOrDefault(account.Address) ?? [])).ToList();
            return new Page<AccountView>(views, query.PageSize, hasMore, null, hasMore ? Cursor.Encode(page[^1].Address) : null);
        }, cancellationToken);
    }

    public async Task<Result<Page<LedgerTransaction>>> ListTransactionsAsync(string ledger, TransactionQuery query, CancellationToken cancellationToken = default)
    {
        if (ValidatePage(query.PageSize, query.Cursor, out var before) is { } invalid)
        {
            return invalid;
        }

        long? beforeId = null;
        if (before.Length > 0)
        {
            if (!long.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return Error.Validation("The cursor is not one this ledger gave.", "cursor");
            }

            beforeId = id;
        }

        var regex = AddressFilter.ToRegex(query.Account);
        if (!regex.IsSuccess)
        {
            return regex.Error;
        }

        return await OnLedgerAsync<Page<LedgerTransaction>>(ledger, async connection =>
        {
            await using var command = new NpgsqlCommand(
                $"""
                select t.id from ledger.transactions t
                where t.ledger = $1 and ($2::bigint is null or t.id < $2) and ($3::text is null or t.reference = $3) and t.metadata @> $4
                  and ($5::text = '{AddressFilter.Everything}' or exists (
                      select 1 from ledger.postings p
                      where p.ledger = t.ledger and p.transaction_id = t.id and (p.source ~ $5 or p.destination ~ $5)))
                order by t.id desc limit $6
                """, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = ledger });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)beforeId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Reference ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(query.Metadata), NpgsqlDbType = NpgsqlDbType.Jsonb });
            command.Parameters.Add(new NpgsqlParameter { Value = regex.Value });
            command.Parameters.Add(new NpgsqlParameter { Value = query.PageSize + 1 });

            var ids = new List<long>();
            await using (var rows = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await rows.ReadAsync(cancellationToken))
                {
                    ids.Add(rows.GetInt64(0));
                }
            }

            var hasMore = ids.Count > query.PageSize;
            var pageIds = ids.Take(query.PageSize).ToArray();
            var transactions = await _reader.GetTransactionsAsync(connection, ledger, pageIds, cancellationToken);
            return new Page<LedgerTransaction>(
                pageIds.Select(id => transactions[id]).ToList(),
                query.PageSize,
                hasMore,
                null,
                hasMore ? Cursor.Encode(pageIds[^1].ToString(CultureInfo.InvariantCulture)) : null);
        }, cancellationToken);
    }

    public Task<Result<long>> CountTransactionsAsync(string ledger, CancellationToken cancellationToken = default) =>
        CountAsync(ledger, "select count(*) from ledger.transactions where ledger = $1", cancellationToken);

    public Task<Result<long>> CountAccountsAsync(string ledger, CancellationToken cancellationToken = default) =>
        CountAsync(ledger, "select count(*) from ledger.accounts where ledger = $1", cancellationToken);

    public async Task<Result<IReadOnlyDictionary<string, BigInteger>>> AggregateBalancesAsync(
        string ledger, string? addressPattern, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        var regex = AddressFilter.ToRegex(addressPattern);
        if (!regex.IsSuccess)
        {
            return regex.Error;
        }

        return await OnLedgerAsync<IReadOnlyDictionary<string, BigInteger>>(ledger, async connection =>
        {
            var sql = asOf is null
                ? "select asset, sum(input - output) from ledger.volumes where ledger = $1 and account ~ $2 group by asset"
                : """
                  select asset, sum(amount) from (
                      select asset, amount from ledger.postings where ledger = $1 and destination ~ $2 and effective_at <= $3
                      union all
                      select asset, -amount from ledger.postings where ledger = $1 and source ~ $2 and effective_at <= $3
                  ) moves group by asset
                  """;
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = ledger });
            command.Parameters.Add(new NpgsqlParameter { Value = regex.Value });
            if (asOf is { } date)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = date.UtcDateTime });
            }

            var balances = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
            await using var rows = await command.ExecuteReaderAsync(cancellationToken);
            while (await rows.ReadAsync(cancellationToken))
            {
                balances[rows.GetString(0)] = rows.GetFieldValue<BigInteger>(1);
            }

            return balances;
        }, cancellationToken);
    }

    public Task<Result<bool>> SetAccountMetadataAsync(string ledger, string address, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken = default) =>
        ChangeAsync(ledger, MetadataChange.Set(new AccountTarget(address), metadata), cancellationToken);

    public Task<Result<bool>> DeleteAccountMetadataAsync(string ledger, string address, string key, CancellationToken cancellationToken = default) =>
        ChangeAsync(ledger, MetadataChange.Delete(new AccountTarget(address), key), cancellationToken);

    public Task<Result<bool>> SetTransactionMetadataAsync(string ledger, long id, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken = default) =>
        ChangeAsync(ledger, MetadataChange.Set(new TransactionTarget(id), metadata), cancellationToken);

    public Task<Result<bool>> DeleteTransactionMetadataAsync(string ledger, long id, string key, CancellationToken cancellationToken = default) =>
        ChangeAsync(ledger, MetadataChange.Delete(new TransactionTarget(id), key), cancellationToken);

    private async Task<Result<bool>> ChangeAsync(string ledger, Result<MetadataChange> change, CancellationToken cancellationToken) =>
        change.TryGetValue(out var valid, out var refused)
            ? await OnLedgerAsync(ledger, connection => valid.ExecuteAsync(connection, ledger, cancellationToken), cancellationToken)
            : refused;

    /// <summary>
    /// Counted in Postgres on the primary key's index, which leads with the ledger, rather than by paging every row
    /// through the port.
    /// </summary>
    private Task<Result<long>> CountAsync(string ledger, string sql, CancellationToken cancellationToken) =>
        OnLedgerAsync<long>(ledger, async connection =>
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = ledger });
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }, cancellationToken);

    /// <summary>Runs <paramref name="query"/> on a connection once the ledger is known to exist; <c>LEDGER_NOT_FOUND</c> otherwise.</summary>
    private async Task<Result<T>> OnLedgerAsync<T>(string ledger, Func<NpgsqlConnection, Task<Result<T>>> query, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            return await _reader.LedgerExistsAsync(connection, ledger, cancellationToken)
                ? await query(connection)
                : LedgerErrors.LedgerNotFound(ledger);
        }
        catch (PostgresException)
        {
            PreparedStatements.Resync(connection);
            throw;
        }
    }

    private static Dictionary<string, string> ParseMetadata(string json) => JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    /// <summary>The first <paramref name="pageSize"/> of <paramref name="rows"/> (read one beyond, to know whether more follow), the next page starting after the last.</summary>
    private static Page<T> PageOf<T>(List<T> rows, int pageSize, Func<T, string> position)
    {
        var hasMore = rows.Count > pageSize;
        var page = rows.Take(pageSize).ToList();
        return new Page<T>(page, pageSize, hasMore, null, hasMore ? Cursor.Encode(position(page[^1])) : null);
    }

    private static Error? ValidatePage(int pageSize, string? cursor, out string position)
    {
        position = "";
        if (pageSize is < 1 or > MaxPageSize)
        {
            return Error.Validation($"A page holds 1 to {MaxPageSize} items.", "pageSize");
        }

        return Cursor.TryDecode(cursor, out position) ? null : Error.Validation("The cursor is not one this ledger gave.", "cursor");
    }

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,63}$")]
    private static partial Regex LedgerName();
}
