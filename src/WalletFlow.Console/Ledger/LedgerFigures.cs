using Npgsql;

namespace WalletFlow.Console.Ledger;

/// <summary>
/// How many transactions and accounts the embedded ledger holds. The ledger port lists but does not count, and
/// paging through every row to count it would grow with the books; one indexed count in Postgres does not.
/// </summary>
public sealed class LedgerFigures(NpgsqlDataSource dataSource)
{
    public async Task<LedgerCounts> CountAsync(string ledger, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select (select count(*) from ledger.transactions where ledger = $1), (select count(*) from ledger.accounts where ledger = $1)");
        command.Parameters.Add(new NpgsqlParameter { Value = ledger });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new LedgerCounts(reader.GetInt64(0), reader.GetInt64(1));
    }
}

public sealed record LedgerCounts(long Transactions, long Accounts);
