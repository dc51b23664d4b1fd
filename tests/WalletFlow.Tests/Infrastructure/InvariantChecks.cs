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
    /// completed command wrote exactly one outbox event, and the relays have published every event.
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
        """
        select 'outbox event ' || id || ' (' || event_type || ') is unpublished' from core.outbox where published_at is null
        """,
    ];

    /// <summary>
    /// The statement read model's, once the relays have published every event: each wallet's statement totals equal
    /// its ledger balances; every line's balances are the running sums of the changes up to it; every head agrees with
    /// its lines; a line is marked reverted exactly when the ledger has reverted its transaction.
    /// </summary>
    private static readonly string[] Statements =
    [
        """
        with ledger_wallets as (
            select split_part(account, ':', 2) as wallet_id,
                   sum(input - output) filter (where account like 'wallets:%:available') as available,
                   sum(input - output) filter (where account like 'wallets:%:holds:%') as held,
                   sum(input - output) filter (where account like 'wallets:%:reserve') as reserved
            from ledger.volumes where ledger = $1 and account like 'wallets:%' group by 1)
        select 'wallet ' || coalesce(h.wallet_id, l.wallet_id) || ': statement ' || concat_ws('/', coalesce(h.available, 0), coalesce(h.held, 0), coalesce(h.reserved, 0))
               || ', ledger ' || concat_ws('/', coalesce(l.available, 0), coalesce(l.held, 0), coalesce(l.reserved, 0))
        from core.statement_heads h full join ledger_wallets l on l.wallet_id = h.wallet_id
        where coalesce(h.available, 0) <> coalesce(l.available, 0) or coalesce(h.held, 0) <> coalesce(l.held, 0) or coalesce(h.reserved, 0) <> coalesce(l.reserved, 0)
        """,
        """
        select 'statement line ' || wallet_id || '/' || ledger_transaction_id || ' says ' || concat_ws('/', available_after, held_after, reserved_after)
               || ', its running sums ' || concat_ws('/', available, held, reserved)
        from (select *, sum(available_change) over running as available, sum(held_change) over running as held, sum(reserved_change) over running as reserved
              from core.statement_lines window running as (partition by wallet_id order by ledger_transaction_id)) line
        where available_after <> available or held_after <> held or reserved_after <> reserved
        """,
        """
        select 'statement head ' || h.wallet_id || ' disagrees with its lines' from core.statement_heads h
        left join (select wallet_id, sum(available_change) as available, sum(held_change) as held, sum(reserved_change) as reserved,
                          count(*) as lines, max(ledger_transaction_id) as last
                   from core.statement_lines group by wallet_id) l on l.wallet_id = h.wallet_id
        where (h.available, h.held, h.reserved, h.lines, h.last_ledger_transaction_id)
              is distinct from (coalesce(l.available, 0), coalesce(l.held, 0), coalesce(l.reserved, 0), coalesce(l.lines, 0), coalesce(l.last, 0))
        """,
        """
        select 'statement line ' || s.wallet_id || '/' || s.ledger_transaction_id || ' says reverted ' || s.reverted
        from core.statement_lines s
        where s.reverted <> exists (select from ledger.transactions r where r.ledger = $1 and r.reverts_id = s.ledger_transaction_id)
        """,
    ];

    /// <summary>
    /// The webhook queue's, once the relays have published every event: every published event has its delivery for
    /// every enabled endpoint that subscribes to it and belongs to a merchant the event concerns (a wallet it moved or
    /// names), unless the endpoint came after the event; and no delivery was queued for an endpoint that does not.
    /// </summary>
    private static readonly string[] Webhooks =
    [
        """
        with concerned as (
            select o.id as event_id, o.event_type, o.published_at, w.merchant_id
            from core.outbox o join core.statement_lines l on l.command_id = o.command_id join core.wallets w on w.id = l.wallet_id
            union
            select o.id, o.event_type, o.published_at, w.merchant_id
            from core.outbox o join core.wallets w on w.id = o.payload -> 'data' ->> 'walletId'),
        owed as (
            select c.event_id, e.id as endpoint_id from concerned c
            join core.webhook_endpoints e on e.merchant_id = c.merchant_id and e.enabled and e.created_at <= c.published_at
                and (cardinality(e.event_types) = 0 or c.event_type = any(e.event_types)))
        select 'event ' || owed.event_id || ' has no delivery to endpoint ' || owed.endpoint_id from owed
        where not exists (select from core.webhook_deliveries d where d.event_id = owed.event_id and d.endpoint_id = owed.endpoint_id)
        union all
        select 'delivery ' || d.id || ' of event ' || d.event_id || ' is to an endpoint the event does not concern' from core.webhook_deliveries d
        where not exists (select from concerned c join core.webhook_endpoints e on e.merchant_id = c.merchant_id
                          where c.event_id = d.event_id and e.id = d.endpoint_id)
        """,
    ];

    public static Task<List<string>> LedgerViolationsAsync(NpgsqlDataSource database, string ledger) => ViolationsAsync(database, ledger, Ledger);

    public static Task<List<string>> WalletCoreViolationsAsync(NpgsqlDataSource database, string ledger) => ViolationsAsync(database, ledger, [.. Ledger, .. WalletCore, .. Statements, .. Webhooks]);

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
