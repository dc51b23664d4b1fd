using System.Collections.Concurrent;
using Npgsql;
using WalletFlow.Application.Wallets;
using WalletFlow.Domain.Ids;
using WalletFlow.Domain.Money;

namespace WalletFlow.Persistence.Wallets;

/// <summary>
/// Wallets from <c>core.wallets</c>. A wallet's owner and currency never change, so a wallet read once is kept: a hot
/// wallet's commands do not each read its row. Status changes (closing) would need cross-process invalidation first.
/// </summary>
internal sealed class PostgresWalletStore(NpgsqlDataSource dataSource) : IWalletStore
{
    private const string Columns = "id, merchant_id, currency, label, status, created_at";
    private const int CacheLimit = 100_000;

    private readonly ConcurrentDictionary<WalletId, Wallet> _cache = new();

    public async Task<Wallet?> FindAsync(WalletId id, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(id, out var cached))
        {
            return cached;
        }

        await using var command = dataSource.CreateCommand($"select {Columns} from core.wallets where id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id.ToString() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var wallet = Read(reader);
        if (_cache.Count < CacheLimit)
        {
            _cache.TryAdd(id, wallet);
        }

        return wallet;
    }

    public async Task<IReadOnlyList<Wallet>> ListAsync(MerchantId? merchant, WalletId? after, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            select {Columns} from core.wallets
            where ($1::text is null or merchant_id = $1) and ($2::text is null or id > $2)
            order by id limit $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)merchant?.Value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)after?.ToString() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var wallets = new List<Wallet>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            wallets.Add(Read(reader));
        }

        return wallets;
    }

    private static Wallet Read(NpgsqlDataReader reader) => new(
        WalletId.Parse(reader.GetString(0)).Value,
        MerchantId.Parse(reader.GetString(1)).Value,
        Currency.Find(reader.GetString(2)).Value,
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.GetString(4) == "active" ? WalletStatus.Active : WalletStatus.Closed,
        reader.GetFieldValue<DateTimeOffset>(5));
}
