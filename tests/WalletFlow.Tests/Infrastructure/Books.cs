using Npgsql;

namespace WalletFlow.Tests.Infrastructure;

/// <summary>
/// A fingerprint of everything WalletFlow has written (every row of every table of the ledger and the wallet core), so
/// a test can prove that a refused call changed nothing at all, not just the few counts it thought of.
/// </summary>
public static class Books
{
    public static async Task<IReadOnlyDictionary<string, string>> FingerprintAsync(NpgsqlDataSource database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var tables = new List<string>();
        await using (var list = database.CreateCommand("select schemaname || '.' || tablename from pg_tables where schemaname in ('ledger', 'core') order by 1"))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var fingerprint = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var hash = database.CreateCommand($"select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') from {table} t");
            fingerprint[table] = (string)(await hash.ExecuteScalarAsync())!;
        }

        return fingerprint;
    }
}
