using Npgsql;
using WalletFlow.Application.Fx;
using WalletFlow.Domain.Ids;
using WalletFlow.Domain.Money;

namespace WalletFlow.Persistence.Fx;

/// <summary>Quotes from <c>core.fx_quotes</c>, with each side's currency from its wallet; never cached, since a booking changes a quote.</summary>
internal sealed class PostgresFxQuoteStore(NpgsqlDataSource dataSource) : IFxQuoteStore
{
    public async Task<FxQuote?> FindAsync(FxQuoteId id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            select q.id, q.sell_wallet_id, q.buy_wallet_id, q.sell_amount, s.currency, q.buy_amount, b.currency, q.rate, q.expires_at, q.booked_by_command_id
            from core.fx_quotes q
            join core.wallets s on s.id = q.sell_wallet_id
            join core.wallets b on b.id = q.buy_wallet_id
            where q.id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = id.ToString() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new FxQuote(
            FxQuoteId.Parse(reader.GetString(0)).Value,
            WalletId.Parse(reader.GetString(1)).Value,
            WalletId.Parse(reader.GetString(2)).Value,
            new Domain.Money.Money(reader.GetInt64(3), Currency.Find(reader.GetString(4)).Value),
            new Domain.Money.Money(reader.GetInt64(5), Currency.Find(reader.GetString(6)).Value),
            reader.GetDecimal(7),
            reader.GetFieldValue<DateTimeOffset>(8),
            reader.IsDBNull(9) ? null : CommandId.Parse(reader.GetString(9)).Value);
    }
}
