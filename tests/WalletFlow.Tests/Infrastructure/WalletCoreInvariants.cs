using Npgsql;

namespace WalletFlow.Tests.Infrastructure;

/// <summary>
/// DESIGN.md's invariants of the wallet core, on top of the ledger's: every completed command has exactly one ledger
/// transaction and every command's ledger transaction names it (replays posted nothing); open holds equal the ledger's
/// hold balances; every completed command wrote exactly one outbox event.
/// </summary>
public static class WalletCoreInvariants
{
    public static async Task AssertHoldAsync(NpgsqlDataSource database, string ledger = "main")
    {
        await LedgerInvariants.AssertHoldAsync(database, ledger);

        Assert.Empty(await LedgerInvariants.RowsAsync(database, ledger, """
            select 'command ' || c.id || ' has ' || count(t.id) || ' ledger transactions'
            from core.commands c
            left join ledger.transactions t on t.ledger = $1 and t.metadata ->> 'walletflow_command_id' = c.id
            where c.status = 'completed'
            group by c.id, c.ledger_transaction_id
            having count(t.id) <> case when c.ledger_transaction_id is null then 0 else 1 end
                or (c.ledger_transaction_id is not null and min(t.id) <> c.ledger_transaction_id)
            """));

        Assert.Empty(await LedgerInvariants.RowsAsync(database, ledger, """
            select 'ledger transaction ' || t.id || ' names unknown command ' || (t.metadata ->> 'walletflow_command_id')
            from ledger.transactions t left join core.commands c on c.id = t.metadata ->> 'walletflow_command_id'
            where t.ledger = $1 and t.metadata ? 'walletflow_command_id' and c.id is null
            """));

        Assert.Empty(await LedgerInvariants.RowsAsync(database, ledger, """
            with ledger_holds as (
                select account, sum(input - output) as balance from ledger.volumes
                where ledger = $1 and account like 'wallets:%:holds:%' group by account),
            open_holds as (
                select 'wallets:' || wallet_id || ':holds:' || id as account, amount from core.holds
                where status in ('reserved', 'submitted', 'manual_review'))
            select coalesce(o.account, l.account) || ': hold row ' || coalesce(o.amount, 0) || ', ledger ' || coalesce(l.balance, 0)
            from open_holds o full join ledger_holds l on l.account = o.account
            where coalesce(o.amount, 0) <> coalesce(l.balance, 0)
            """));

        Assert.Empty(await LedgerInvariants.RowsAsync(database, ledger, """
            select 'command ' || c.id || ' has ' || count(o.id) || ' outbox events'
            from core.commands c left join core.outbox o on o.command_id = c.id
            where c.status = 'completed' group by c.id having count(o.id) <> 1
            """));
    }
}
