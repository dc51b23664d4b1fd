using System.Data;
using System.Globalization;
using System.Numerics;
using Npgsql;
using WalletFlow.Application.Reconciliation;
using WalletFlow.Application.Reporting;
using WalletFlow.Domain.Errors;
using WalletFlow.Persistence.Commands;

namespace WalletFlow.Persistence.Reconciliation;

/// <summary>
/// The reports' and the gates' reads. The embedded ledger lives in the same database as the wallet core's rows, so one
/// repeatable-read transaction sees both as of one instant: a command commits its ledger transaction, hold row and
/// outbox event together, and the gates never see one without the others.
/// </summary>
internal sealed class PostgresReconciliationReads(NpgsqlDataSource dataSource, CommandLedger ledger) : IReportingReads, IReconciliationReads
{
    private const string CurrentBalances = """
        select account, asset, sum(input - output)::text from ledger.volumes where ledger = $1 group by account, asset
        """;

    /// <summary>The postings of the transactions up to a point in time, by effective ($3 false) or insertion ($3 true) date.</summary>
    private const string BalancesAt = """
        with included as (
            select p.source, p.destination, p.asset, p.amount
            from ledger.postings p join ledger.transactions t on t.ledger = p.ledger and t.id = p.transaction_id
            where p.ledger = $1 and (case when $3 then t.inserted_at else p.effective_at end) <= $2),
        moves as (
            select destination as account, asset, amount from included
            union all
            select source, asset, -amount from included)
        select account, asset, sum(amount)::text from moves group by account, asset
        """;

    private const string HoldFigures = """
        select (select count(*) from core.holds where status in ('reserved', 'submitted', 'manual_review'))::int,
               (select count(*) from (select account from ledger.volumes where ledger = $1 and account like 'wallets:%:holds:%'
                                      group by account having sum(input - output) <> 0) held)::int
        """;

    /// <summary>Open holds (reserved, submitted, in review) hold their amount in the ledger; every other hold account is empty.</summary>
    private const string HoldMismatches = """
        with ledger_holds as (
            select account, sum(input - output) as balance from ledger.volumes
            where ledger = $1 and account like 'wallets:%:holds:%' group by account),
        open_holds as (
            select 'wallets:' || wallet_id || ':holds:' || id as account, amount, status from core.holds
            where status in ('reserved', 'submitted', 'manual_review')),
        mismatched as (
            select coalesce(o.account, l.account) || ': hold row ' || coalesce(o.amount || ' (' || o.status || ')', 'none (not open)')
                   || ', ledger balance ' || coalesce(l.balance, 0) || ' (minor units)' as text,
                   coalesce(o.account, l.account) as account
            from open_holds o full join ledger_holds l on l.account = o.account
            where coalesce(o.amount, 0) <> coalesce(l.balance, 0))
        select count(*)::int, coalesce((array_agg(text order by account))[1:$2], '{}') from mismatched
        """;

    private const string StatementFigures = """
        select (select count(*) from core.statement_heads)::int, (select count(*) from core.statement_lines)
        """;

    /// <summary>
    /// Each wallet's statement lines against the ledger's movements of its accounts, transaction by transaction, and
    /// each head against its lines. A movement with no line yet is awaiting projection when its command's event is
    /// still unpublished; otherwise (a post that bypassed the wallet core, a lost line) it is a mismatch.
    /// </summary>
    private const string StatementMismatches = """
        with wallet_moves as (
            select p.transaction_id, x.account, x.amount
            from ledger.postings p
            cross join lateral (values (p.destination, p.amount), (p.source, -p.amount)) as x (account, amount)
            where p.ledger = $1 and (p.destination like 'wallets:%' or p.source like 'wallets:%') and x.account like 'wallets:%'),
        ledger_lines as (
            select split_part(account, ':', 2) as wallet_id, transaction_id,
                   coalesce(sum(amount) filter (where account like 'wallets:%:available'), 0) as available,
                   coalesce(sum(amount) filter (where account like 'wallets:%:holds:%'), 0) as held,
                   coalesce(sum(amount) filter (where account like 'wallets:%:reserve'), 0) as reserved
            from wallet_moves group by 1, 2),
        awaiting as (
            select t.id from ledger.transactions t join core.outbox o on o.command_id = t.metadata ->> 'walletflow_command_id'
            where t.ledger = $1 and o.published_at is null),
        lines as (
            select coalesce(l.wallet_id, s.wallet_id) as wallet_id, coalesce(l.transaction_id, s.ledger_transaction_id) as transaction_id,
                   s.wallet_id is null and exists (select from awaiting a where a.id = l.transaction_id) as awaiting,
                   case
                       when s.wallet_id is null then 'ledger transaction ' || l.transaction_id || ' moved wallet ' || l.wallet_id
                            || ' (' || concat_ws('/', l.available, l.held, l.reserved) || ') and is on no statement line'
                       when l.wallet_id is null then 'statement line ' || s.wallet_id || '/' || s.ledger_transaction_id
                            || ' has no movement of the wallet in the ledger'
                       else 'statement line ' || s.wallet_id || '/' || s.ledger_transaction_id || ' says '
                            || concat_ws('/', s.available_change, s.held_change, s.reserved_change)
                            || ', the ledger ' || concat_ws('/', l.available, l.held, l.reserved)
                   end as text
            from ledger_lines l full join core.statement_lines s on s.wallet_id = l.wallet_id and s.ledger_transaction_id = l.transaction_id
            where s.wallet_id is null or l.wallet_id is null
               or (l.available, l.held, l.reserved) <> (s.available_change, s.held_change, s.reserved_change)),
        heads as (
            select h.wallet_id, 0::bigint as transaction_id, false as awaiting,
                   'statement head ' || h.wallet_id || ' says ' || concat_ws('/', h.available, h.held, h.reserved)
                   || ', its lines sum to ' || concat_ws('/', coalesce(s.available, 0), coalesce(s.held, 0), coalesce(s.reserved, 0)) as text
            from core.statement_heads h
            left join (select wallet_id, sum(available_change) as available, sum(held_change) as held, sum(reserved_change) as reserved
                       from core.statement_lines group by wallet_id) s on s.wallet_id = h.wallet_id
            where (h.available, h.held, h.reserved) is distinct from (coalesce(s.available, 0), coalesce(s.held, 0), coalesce(s.reserved, 0))),
        problems as (select * from lines union all select * from heads)
        select count(*) filter (where awaiting)::int, count(*) filter (where not awaiting)::int,
               coalesce((array_agg(text order by wallet_id, transaction_id) filter (where not awaiting))[1:$2], '{}')
        from problems
        """;

    public async Task<Result<IReadOnlyList<AccountBalance>>> BalancesAsync(DateTimeOffset? at, TimeBasis basis, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return Result<IReadOnlyList<AccountBalance>>.Success(at is { } pointInTime
            ? await ReadBalancesAsync(connection, BalancesAt, cancellationToken, pointInTime, basis == TimeBasis.Insertion)
            : await ReadBalancesAsync(connection, CurrentBalances, cancellationToken));
    }

    public async Task<Result<ReconciliationSnapshot>> ReadAsync(int mismatchLimit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using (var readOnly = new NpgsqlCommand("set transaction read only", connection, transaction))
        {
            await readOnly.ExecuteNonQueryAsync(cancellationToken);
        }

        var balances = await ReadBalancesAsync(connection, CurrentBalances, cancellationToken);
        var (openHolds, holdAccounts) = await ReadRowAsync(connection, HoldFigures, reader => (reader.GetInt32(0), reader.GetInt32(1)), cancellationToken);
        var holdMismatches = await ReadRowAsync(connection, HoldMismatches, reader => new Mismatches(reader.GetFieldValue<string[]>(1), reader.GetInt32(0)), cancellationToken, mismatchLimit);
        var (wallets, lines) = await ReadRowAsync(connection, StatementFigures, reader => (reader.GetInt32(0), reader.GetInt64(1)), cancellationToken);
        var (awaiting, statementMismatches) = await ReadRowAsync(
            connection, StatementMismatches, reader => (reader.GetInt32(0), new Mismatches(reader.GetFieldValue<string[]>(2), reader.GetInt32(1))), cancellationToken, mismatchLimit);
        await transaction.CommitAsync(cancellationToken);
        return new ReconciliationSnapshot(
            balances,
            new HoldComparison(openHolds, holdAccounts, holdMismatches),
            new StatementComparison(wallets, lines, awaiting, statementMismatches));
    }

    private async Task<IReadOnlyList<AccountBalance>> ReadBalancesAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        var balances = new List<AccountBalance>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            balances.Add(new AccountBalance(reader.GetString(0), reader.GetString(1), BigInteger.Parse(reader.GetString(2), CultureInfo.InvariantCulture)));
        }

        return balances;
    }

    private async Task<T> ReadRowAsync<T>(NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return read(reader);
    }

    /// <summary>A statement of this ledger: $1 is the ledger's name, the rest follow.</summary>
    private NpgsqlCommand Command(NpgsqlConnection connection, string sql, object[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ledger.Name });
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return command;
    }
}
