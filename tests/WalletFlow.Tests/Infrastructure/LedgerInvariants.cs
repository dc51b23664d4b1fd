using System.Numerics;
using Npgsql;

namespace WalletFlow.Tests.Infrastructure;

/// <summary>
/// DESIGN.md's ledger invariants, checked straight in the database after a scenario: every asset's volumes sum to
/// zero; the volumes agree with the postings they summarize; no account but world is negative; a transaction is
/// reverted at most once and every posting belongs to a transaction.
/// </summary>
public static class LedgerInvariants
{
    public static async Task AssertHoldAsync(NpgsqlDataSource database, string ledger)
    {
        Assert.Empty(await RowsAsync(database, ledger, """
            select asset || ' sums to ' || sum(input - output) from ledger.volumes where ledger = $1
            group by asset having sum(input - output) <> 0
            """));

        Assert.Empty(await RowsAsync(database, ledger, """
            with moves as (
                select destination as account, asset, amount as input, 0 as output from ledger.postings where ledger = $1
                union all
                select source, asset, 0, amount from ledger.postings where ledger = $1),
            from_postings as (select account, asset, sum(input) as input, sum(output) as output from moves group by account, asset),
            from_volumes as (select account, asset, sum(input) as input, sum(output) as output from ledger.volumes where ledger = $1 group by account, asset)
            select coalesce(p.account, v.account) || ' ' || coalesce(p.asset, v.asset) || ': postings ' || coalesce(p.input - p.output, 0) || ', volumes ' || coalesce(v.input - v.output, 0)
            from from_postings p full join from_volumes v on p.account = v.account and p.asset = v.asset
            where coalesce(p.input, 0) <> coalesce(v.input, 0) or coalesce(p.output, 0) <> coalesce(v.output, 0)
            """));

        Assert.Empty(await RowsAsync(database, ledger, """
            select account || ' holds ' || sum(input - output) || ' ' || asset from ledger.volumes
            where ledger = $1 and account <> 'world' group by account, asset having sum(input - output) < 0
            """));

        Assert.Empty(await RowsAsync(database, ledger, """
            select 'posting of missing transaction ' || p.transaction_id from ledger.postings p
            left join ledger.transactions t on t.ledger = p.ledger and t.id = p.transaction_id where p.ledger = $1 and t.id is null
            """));
    }

    public static async Task<BigInteger> BalanceFromPostingsAsync(NpgsqlDataSource database, string ledger, string account, string asset)
    {
        await using var command = database.CreateCommand("""
            select coalesce(sum(case when destination = $2 then amount else 0 end) - sum(case when source = $2 then amount else 0 end), 0)
            from ledger.postings where ledger = $1 and asset = $3 and (source = $2 or destination = $2)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ledger });
        command.Parameters.Add(new NpgsqlParameter { Value = account });
        command.Parameters.Add(new NpgsqlParameter { Value = asset });
        return (BigInteger)(decimal)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The rows of a query that lists what breaks an invariant (one sentence per row); none when it holds.</summary>
    internal static async Task<List<string>> RowsAsync(NpgsqlDataSource database, string ledger, string sql)
    {
        await using var command = database.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = ledger });
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
