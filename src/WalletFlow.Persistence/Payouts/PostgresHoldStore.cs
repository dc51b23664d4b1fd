using Npgsql;
using NpgsqlTypes;
using WalletFlow.Application.Payouts;
using WalletFlow.Domain.Ids;
using WalletFlow.Domain.Money;

namespace WalletFlow.Persistence.Payouts;

/// <summary>Holds from <c>core.holds</c>, always read fresh: their status is what the hold grain and the sagas decide on.</summary>
internal sealed class PostgresHoldStore(NpgsqlDataSource dataSource) : IHoldStore
{
    private const string Columns = "id, wallet_id, currency, amount, provider, bank_id, beneficiary, status, reason, created_at, updated_at, stuck_since";

    public async Task<Hold?> FindAsync(HoldId id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from core.holds where id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id.ToString() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<Hold>> ListAsync(HoldFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var command = dataSource.CreateCommand($"""
            select {Columns} from core.holds
            where ($1::text is null or wallet_id = $1) and ($2::text is null or status = $2) and ($3::text is null or id > $3)
            order by id limit $4
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Wallet?.ToString() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = filter.Status is { } status ? HoldStatuses.ToText(status) : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.After?.ToString() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = filter.Limit });
        var holds = new List<Hold>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            holds.Add(Read(reader));
        }

        return holds;
    }

    private static Hold Read(NpgsqlDataReader reader) => new(
        HoldId.Parse(reader.GetString(0)).Value,
        WalletId.Parse(reader.GetString(1)).Value,
        new Domain.Money.Money(reader.GetInt64(3), Currency.Find(reader.GetString(2)).Value),
        reader.GetString(4),
        BankId.Parse(reader.GetString(5)).Value,
        reader.IsDBNull(6) ? null : reader.GetString(6),
        HoldStatuses.Parse(reader.GetString(7)),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.GetFieldValue<DateTimeOffset>(9),
        reader.GetFieldValue<DateTimeOffset>(10),
        reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11));
}
