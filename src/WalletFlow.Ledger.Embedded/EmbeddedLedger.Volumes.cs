using System.Numerics;
using Npgsql;
using NpgsqlTypes;
using WalletFlow.Domain.Errors;
using WalletFlow.Ledger.Numscript.Runtime;

namespace WalletFlow.Ledger.Embedded;

public sealed partial class EmbeddedLedger
{
    /// <summary>
    /// One statement. Without a window it sums the volume rows (world's shards into one); with one it sums the postings
    /// dated in it, each as its destination's input and its source's output: by effective date on the postings' own
    /// copy of it (index <c>postings_by_effective_date</c>), or by insertion date through the transactions
    /// (<c>transactions_by_insertion_date</c>) and their postings' primary key. Grouping and the page's keyset apply
    /// to the summed rows.
    /// </summary>
    public async Task<Result<Page<AccountVolumes>>> ListVolumesAsync(string ledger, VolumesQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (ValidatePage(query.PageSize, query.Cursor, out var position) is { } invalid)
        {
            return invalid;
        }

        var after = position.Split(' ');
        if (position.Length > 0 && after.Length != 2)
        {
            return Error.Validation("The cursor is not one this ledger gave.", "cursor");
        }

        var regex = AddressFilter.ToRegex(query.Account);
        if (FirstRefusal(regex.Error, RefuseVolumesQuery(query)) is { } refused)
        {
            return refused;
        }

        var moves = !query.IsWindowed
            ? """
              select account, asset, input, output from ledger.volumes
              where ledger = $1 and account ~ $2 and ($3::text is null or asset = $3)
              """
            : """
              select destination as account, asset, amount as input, 0::numeric as output from dated where destination ~ $2
              union all
              select source, asset, 0::numeric, amount from dated where source ~ $2
              """;
        var dated = query.InsertionDate
            ? """
              select p.source, p.destination, p.asset, p.amount from ledger.transactions t
              join ledger.postings p on p.ledger = t.ledger and p.transaction_id = t.id
              where t.ledger = $1 and t.inserted_at >= coalesce($4, '-infinity') and t.inserted_at < coalesce($5, 'infinity')
                and ($3::text is null or p.asset = $3)
              """
            : """
              select p.source, p.destination, p.asset, p.amount from ledger.postings p
              where p.ledger = $1 and p.effective_at >= coalesce($4, '-infinity') and p.effective_at < coalesce($5, 'infinity')
                and ($3::text is null or p.asset = $3)
              """;

        return await OnLedgerAsync<Page<AccountVolumes>>(ledger, async connection =>
        {
            await using var command = new NpgsqlCommand(
                $"""
                with dated as ({dated}),
                moves as ({moves}),
                summed as (
                    select (case when $6 > 0 then array_to_string((string_to_array(account, ':'))[1:$6], ':') else account end) collate "C" as account,
                           asset collate "C" as asset, sum(input) as input, sum(output) as output
                    from moves group by 1, 2
                )
                select account, asset, input, output from summed
                where $7::text is null or (account, asset) > ($7 collate "C", $8 collate "C")
                order by account, asset limit $9
                """, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = ledger });
            command.Parameters.Add(new NpgsqlParameter { Value = regex.Value });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Asset ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.StartTime?.UtcDateTime ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.EndTime?.UtcDateTime ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter { Value = query.GroupBy });
            command.Parameters.Add(new NpgsqlParameter { Value = position.Length > 0 ? after[0] : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = position.Length > 0 ? after[1] : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = query.PageSize + 1 });

            var rows = new List<AccountVolumes>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add(new AccountVolumes(reader.GetString(0), reader.GetString(1), new Volumes(reader.GetFieldValue<BigInteger>(2), reader.GetFieldValue<BigInteger>(3))));
                }
            }

            return PageOf(rows, query.PageSize, row => $"{row.Account} {row.Asset}");
        }, cancellationToken);
    }

    private static Error? RefuseVolumesQuery(VolumesQuery query)
    {
        if (query.Asset is { } asset && !LedgerNames.IsValidAsset(asset))
        {
            return new Error(ErrorCodes.InvalidAsset, $"'{asset}' is not an asset.", "asset");
        }

        if (query.GroupBy < 0)
        {
            return Error.Validation("groupBy counts address segments: 0 (no grouping) or more.", "groupBy");
        }

        return query.StartTime > query.EndTime
            ? Error.Validation("The window's start is after its end.", "startTime")
            : null;
    }

    private static Error? FirstRefusal(params Error?[] errors) => errors.FirstOrDefault(error => error is not null);
}
