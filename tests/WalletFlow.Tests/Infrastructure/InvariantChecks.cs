using Npgsql;

namespace WalletFlow.Tests.Infrastructure;

/// <summary>
/// DESIGN.md's invariants as queries that list what breaks them, one sentence per row: none when they hold. The tests
/// assert the lists are empty after their scenarios (<see cref="LedgerInvariants"/>, <see cref="WalletCoreInvariants"/>);
/// the load benchmark links this file and checks them after its run.
/// </summary>
public static class InvariantChecks
{
    /// <summary>
    /// The ledger's: every asset's volumes sum to zero; the volumes agree with the postings they summarize; no account but
    /// world is negative; every posting belongs to a transaction.
    /// </summary>
    private static readonly string[] Ledger =
    [
        """
        select asset || ' sums to ' || sum(input - output) from ledger.volumes where ledger = $1
        group by asset having sum(input - output) <> 0
        """,
        """
        with moves as (
            select destination as account, asset, amount as input, 0 as output from ledger.postings where ledger = $1
            union all
            select source, asset, 0, amount from ledger.postings where ledger = $1),
        from_postings as (select account, asset, sum(input) as input, sum(output) as output from moves group by account, asset),
        from_volumes as (select account, asset, sum(input) as input, sum(output) as output from ledger.volumes where ledger = $1 group by account, asset)
        select coalesce(p.account, v.account) || ' ' || coalesce(p.asset, v.asset) || ': postings ' || coalesce(p.input - p.output, 0) || ', volumes ' || coalesce(v.input - v.output, 0)
        from from_postings p full join from_volumes v on p.account = v.account and p.asset = v.asset
        where coalesce(p.input, 0) <> coalesce(v.input, 0) or coalesce(p.output, 0) <> coalesce(v.output, 0)
        """,
        """
        select account || ' holds ' || sum(input - output) || ' ' || asset from ledger.volumes
        where ledger = $1 and account <> 'world' group by account, asset having sum(input - output) < 0
        """,
        """
        select 'posting of missing transaction ' || p.transaction_id from ledger.postings p
        left join ledger.transactions t on t.ledger = p.ledger and t.id = p.transaction_id where p.ledger = $1 and t.id is null
        """,
    ];

    /// <summary>
    /// The wallet core's, on top of the ledger's: every completed command has exactly one ledger transaction and every
    /// command's ledger transaction names it (replays posted nothing); open holds equal the ledger's hold balances; every
    /// completed command wrote exactly one outbox event.
    /// </summary>
    private static readonly string[] WalletCore =
    [
        """
        select 'command ' || c.id || ' has ' || count(t.id) || ' ledger transactions'
        from core.commands c
        left join ledger.transactions t on t.ledger = $1 and t.metadata ->> 'walletflow_command_id' = c.id
        where c.status = 'completed'
        group by c.id, c.ledger_transaction_id
        having count(t.id) <> case when c.ledger_transaction_id is null then 0 else 1 end
            or (c.ledger_transaction_id is not null and min(t.id) <> c.ledger_transaction_id)
        """,
        """
        select 'ledger transaction ' || t.id || ' names unknown command ' || (t.metadata ->> 'walletflow_command_id')
        from ledger.transactions t left join core.commands c on c.id = t.metadata ->> 'walletflow_command_id'
        where t.ledger = $1 and t.metadata ? 'walletflow_command_id' and c.id is null
        """,
        """
        with ledger_holds as (
            select account, sum(input - output) as balance from ledger.volumes
            where ledger = $1 and account like 'wallets:%:holds:%' group by account),
        open_holds as (
            select 'wallets:' || wallet_id || ':holds:' || id as account, amount from core.holds
            where status in ('reserved', 'submitted', 'manual_review'))
        select coalesce(o.account, l.account) || ': hold row ' || coalesce(o.amount, 0) || ', ledger ' || coalesce(l.balance, 0)
        from open_holds o full join ledger_holds l on l.account = o.account
        where coalesce(o.amount, 0) <> coalesce(l.balance, 0)
        """,
        """
        select 'command ' || c.id || ' has ' || count(o.id) || ' outbox events'
        from core.commands c left join core.outbox o on o.command_id = c.id
        where c.status = 'completed' group by c.id having count(o.id) <> 1
        """,
    ];

    public static Task<List<string>> LedgerViolationsAsync(NpgsqlDataSource database, string ledger) => ViolationsAsync(database, ledger, Ledger);

    public static Task<List<string>> WalletCoreViolationsAsync(NpgsqlDataSource database, string ledger) => ViolationsAsync(database, ledger, [.. Ledger, .. WalletCore]);

    private static async Task<List<string>> ViolationsAsync(NpgsqlDataSource database, string ledger, IEnumerable<string> queries)
    {
        var violations = new List<string>();
        foreach (var sql in queries)
        {
            await using var command = database.CreateCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { Value = ledger });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                violations.Add(reader.GetString(0));
            }
        }

        return violations;
    }
}
