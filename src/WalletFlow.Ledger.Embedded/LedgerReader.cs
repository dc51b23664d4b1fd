using System.Collections.Concurrent;
using System.Numerics;
using System.Text.Json;
using Npgsql;

namespace WalletFlow.Ledger.Embedded;

/// <summary>The embedded ledger's queries: transactions with their postings, and volumes now or as of a date.</summary>
internal sealed class LedgerReader
{
    /// <summary>Ledgers are never deleted, so one that was seen once exists for good.</summary>
    private readonly ConcurrentDictionary<string, bool> _knownLedgers = new(StringComparer.Ordinal);

    public async Task<bool> LedgerExistsAsync(NpgsqlConnection connection, string ledger, CancellationToken cancellationToken)
    {
        if (_knownLedgers.ContainsKey(ledger))
        {
            return true;
        }

        await using var command = new NpgsqlCommand("select 1 from ledger.ledgers where name = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ledger });
        if (await command.ExecuteScalarAsync(cancellationToken) is null)
        {
            return false;
        }

        _knownLedgers[ledger] = true;
        return true;
    }

    public async Task<Dictionary<long, LedgerTransaction>> GetTransactionsAsync(NpgsqlConnection connection, string ledger, long[] ids, CancellationToken cancellationToken)
    {
        var transactions = new Dictionary<long, LedgerTransaction>();
        if (ids.Length == 0)
        {
            return transactions;
        }

        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(
                    """
                    select t.id, t.effective_at, t.inserted_at, t.reference, t.reverts_id, t.metadata, t.post_commit_volumes,
                           (select r.id from ledger.transactions r where r.ledger = t.ledger and r.reverts_id = t.id)
                    from ledger.transactions t where t.ledger = $1 and t.id = any($2)
                    """)
                {
                    Parameters = { new NpgsqlParameter { Value = ledger }, new NpgsqlParameter { Value = ids } },
                },
                new NpgsqlBatchCommand(
                    "select transaction_id, source, destination, asset, amount from ledger.postings where ledger = $1 and transaction_id = any($2) order by transaction_id, index")
                {
                    Parameters = { new NpgsqlParameter { Value = ledger }, new NpgsqlParameter { Value = ids } },
                },
            },
        };

        var headers = new List<(long Id, DateTimeOffset EffectiveAt, DateTimeOffset InsertedAt, string? Reference, long? Reverts, string Metadata, string Volumes, long? RevertedBy)>();
        var postings = new Dictionary<long, List<Posting>>();
        await using (var rows = await batch.ExecuteReaderAsync(cancellationToken))
        {
            while (await rows.ReadAsync(cancellationToken))
            {
                headers.Add((rows.GetInt64(0), rows.GetFieldValue<DateTimeOffset>(1), rows.GetFieldValue<DateTimeOffset>(2),
                    rows.IsDBNull(3) ? null : rows.GetString(3), rows.IsDBNull(4) ? null : rows.GetInt64(4),
                    rows.GetString(5), rows.GetString(6), rows.IsDBNull(7) ? null : rows.GetInt64(7)));
            }

            await rows.NextResultAsync(cancellationToken);
            while (await rows.ReadAsync(cancellationToken))
            {
                var id = rows.GetInt64(0);
                if (!postings.TryGetValue(id, out var legs))
                {
                    postings[id] = legs = [];
                }

                legs.Add(new Posting(rows.GetString(1), rows.GetString(2), rows.GetFieldValue<BigInteger>(4), rows.GetString(3)));
            }
        }

        foreach (var header in headers)
        {
            transactions[header.Id] = new LedgerTransaction(
                header.Id,
                postings.GetValueOrDefault(header.Id) ?? [],
                JsonSerializer.Deserialize<Dictionary<string, string>>(header.Metadata) ?? [],
                header.EffectiveAt,
                header.InsertedAt,
                header.Reference,
                header.Reverts,
                header.RevertedBy,
                PostCommitVolumesJson.Read(header.Volumes));
        }

        return transactions;
    }

    /// <summary>Volumes per account and asset: from the volume rows now, or summed from the postings effective up to <paramref name="asOf"/>.</summary>
    public async Task<Dictionary<string, Dictionary<string, Volumes>>> GetVolumesAsync(
        NpgsqlConnection connection, string ledger, string[] accounts, DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        var sql = asOf is null
            ? "select account, asset, sum(input), sum(output) from ledger.volumes where ledger = $1 and account = any($2) group by account, asset"
            : """
              select account, asset, sum(input), sum(output) from (
                  select destination as account, asset, amount as input, 0 as output from ledger.postings
                  where ledger = $1 and destination = any($2) and effective_at <= $3
                  union all
                  select source, asset, 0, amount from ledger.postings
                  where ledger = $1 and source = any($2) and effective_at <= $3
              ) moves group by account, asset
              """;
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ledger });
        command.Parameters.Add(new NpgsqlParameter { Value = accounts });
        if (asOf is { } date)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = date.UtcDateTime });
        }

        var volumes = new Dictionary<string, Dictionary<string, Volumes>>(StringComparer.Ordinal);
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            var account = rows.GetString(0);
            if (!volumes.TryGetValue(account, out var byAsset))
            {
                volumes[account] = byAsset = new Dictionary<string, Volumes>(StringComparer.Ordinal);
            }

            byAsset[rows.GetString(1)] = new Volumes(rows.GetFieldValue<BigInteger>(2), rows.GetFieldValue<BigInteger>(3));
        }

        return volumes;
    }
}
