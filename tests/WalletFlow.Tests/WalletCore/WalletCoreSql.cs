using Npgsql;

namespace WalletFlow.Tests.WalletCore;

/// <summary>Counts straight from the wallet core's tables, for what the API does not show (command rows, ledger batches).</summary>
internal static class WalletCoreSql
{
    public static async Task<long> CountAsync(NpgsqlDataSource database, string sql, params object[] values)
    {
        await using var command = database.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static Task<long> CommandRowsAsync(NpgsqlDataSource database, string idempotencyKey) =>
        CountAsync(database, "select count(*) from core.commands where idempotency_key = $1", idempotencyKey);

    public static Task<long> LedgerTransactionsAsync(NpgsqlDataSource database, string command) =>
        CountAsync(database, "select count(*) from ledger.transactions where metadata ->> 'walletflow_command' = $1", command);
}
