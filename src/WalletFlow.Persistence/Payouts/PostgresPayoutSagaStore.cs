using Npgsql;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Payouts.Providers;
using WalletFlow.Application.Payouts.Sagas;
using WalletFlow.Domain.Ids;
using WalletFlow.Persistence.Commands;

namespace WalletFlow.Persistence.Payouts;

/// <summary>
/// The sagas, the payout timeline and the provider callbacks in Postgres. Workers of every process share the sagas
/// through <c>for update skip locked</c> and a lease; a write carries the claim's version, so a worker that outlived
/// its lease records what it saw and changes nothing else.
/// </summary>
internal sealed class PostgresPayoutSagaStore(NpgsqlDataSource dataSource) : IPayoutSagaStore
{
    private const string SagaColumns = "hold_id, provider, step, attempts, version, next_due_at, last_answer, last_detail, reason, created_at, updated_at";
    private const string TimelineColumns = "id, hold_id, at, kind, status, answer, detail, command_id";

    public async Task<IReadOnlyList<PayoutSaga>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken)
    {
        // The returned answer is the one from before the claim; the row's is cleared while a provider call runs, so a
        // claim that dies mid-call leaves no answer behind and its successor knows the call may have reached the provider.
        await using var command = dataSource.CreateCommand(
            """
            with due as (
                select hold_id, last_answer, last_detail from core.payout_sagas
                where next_due_at <= $1
                order by next_due_at
                limit $3
                for update skip locked)
            update core.payout_sagas saga
            set next_due_at = $2,
                version = saga.version + 1,
                attempts = saga.attempts + case when saga.step in ('submit', 'requery') then 1 else 0 end,
                last_answer = case when saga.step in ('submit', 'requery') then null else saga.last_answer end,
                last_detail = case when saga.step in ('submit', 'requery') then null else saga.last_detail end,
                updated_at = $1
            from due
            where saga.hold_id = due.hold_id
            returning saga.hold_id, saga.provider, saga.step, saga.attempts, saga.version, saga.next_due_at, due.last_answer, due.last_detail,
                      saga.reason, saga.created_at, saga.updated_at
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = now + lease });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        return await ReadSagasAsync(command, cancellationToken);
    }

    public async Task<bool> AdvanceAsync(PayoutSaga claimed, SagaAdvance advance, IReadOnlyList<TimelineNote> notes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        ArgumentNullException.ThrowIfNull(advance);
        ArgumentNullException.ThrowIfNull(notes);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var update = ChangeStatement.Sql(
            """
            update core.payout_sagas
            set step = $2, next_due_at = $3,
                last_answer = coalesce($4, last_answer), last_detail = case when $4 is null then last_detail else $5 end,
                reason = $6, updated_at = $7
            where hold_id = $1 and version = $8
            """,
            claimed.Hold.ToString(), StepText(advance.Step), advance.DueAt, AnswerText(advance.Answer?.Kind), advance.Answer?.Detail, advance.Reason, now, claimed.Version);
        await RunAsync(connection, [.. notes.Select(note => AppendNote(claimed.Hold, note)), update], cancellationToken);
        return update.RecordsAffected == 1;
    }

    public async Task<PayoutSaga?> FindAsync(HoldId hold, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select {SagaColumns} from core.payout_sagas where hold_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = hold.ToString() });
        return (await ReadSagasAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(HoldId hold, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select {TimelineColumns} from core.payout_timeline where hold_id = $1 order by id");
        command.Parameters.Add(new NpgsqlParameter { Value = hold.ToString() });
        return await ReadTimelineAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<TimelineEntry>> ProviderEventsAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"select {TimelineColumns} from core.payout_timeline where kind in ('submit', 'requery', 'callback') order by id desc limit $1");
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        return await ReadTimelineAsync(command, cancellationToken);
    }

    public async Task<CallbackOutcome> RecordCallbackAsync(ProviderCallback callback, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (!HoldId.Parse(callback.Reference).TryGetValue(out var hold, out _))
        {
            return CallbackOutcome.UnknownReference;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var step = await LockSagaStepAsync(connection, hold, callback.Provider, cancellationToken);
        if (step is null)
        {
            return CallbackOutcome.UnknownReference;
        }

        var (outcome, detail) = callback.Status is ProviderAnswerKind.Paid or ProviderAnswerKind.Failed
            ? await ApplyFinalAsync(connection, hold, callback, step.Value, now, cancellationToken)
            : (CallbackOutcome.Noted, "Not a final answer; the saga keeps asking.");
        await RunAsync(connection, [AppendNote(hold, new TimelineNote(TimelineKind.Callback, now, callback.Status, Describe(callback, outcome, detail)))], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return outcome;
    }

    public async Task<int> MarkStuckAsync(DateTimeOffset reservedBefore, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            with stuck as (
                update core.holds set stuck_since = $2
                where status = 'reserved' and created_at < $1 and stuck_since is null
                returning id, created_at)
            insert into core.payout_timeline (hold_id, at, kind, status, detail)
            select id, $2, 'stuck', 'reserved', 'Reserved since ' || to_char(created_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC and never submitted.'
            from stuck
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = reservedBefore });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<SagaStep?> LockSagaStepAsync(NpgsqlConnection connection, HoldId hold, string provider, CancellationToken cancellationToken)
    {
        var select = ChangeStatement.Sql("select step from core.payout_sagas where hold_id = $1 and provider = $2 for update", hold.ToString(), provider);
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { select } };
        return await batch.ExecuteScalarAsync(cancellationToken) is string step ? ParseStep(step) : null;
    }

    /// <summary>Keeps the first final answer per (provider, reference) for good, and turns it into the saga's next step.</summary>
    private static async Task<(CallbackOutcome Outcome, string Detail)> ApplyFinalAsync(
        NpgsqlConnection connection, HoldId hold, ProviderCallback callback, SagaStep step, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var record = ChangeStatement.Sql(
            """
            insert into core.provider_callbacks (provider, reference, status, reason, received_at, last_received)
            values ($1, $2, $3, $4, $5, $5)
            on conflict (provider, reference) do update
            set deliveries = core.provider_callbacks.deliveries + 1, last_received = excluded.last_received
            returning deliveries
            """,
            callback.Provider, callback.Reference, AnswerText(callback.Status), callback.Reason, now);
        await using (var batch = new NpgsqlBatch(connection) { BatchCommands = { record } })
        {
            var deliveries = (int)(await batch.ExecuteScalarAsync(cancellationToken))!;
            if (deliveries > 1)
            {
                return (CallbackOutcome.Duplicate, $"Delivered {deliveries} times; the first delivery counted.");
            }
        }

        var decided = callback.Status == ProviderAnswerKind.Paid ? SagaStep.Settle : SagaStep.Release;
        var (outcome, next, reason, detail) = step switch
        {
            SagaStep.Submit or SagaStep.Requery => (CallbackOutcome.Applied, decided, callback.Status == ProviderAnswerKind.Failed ? $"{callback.Provider} failed the payout: {callback.Reason ?? "no reason given"}" : null, $"The saga {StepText(decided)}s next."),
            SagaStep.Settle or SagaStep.Release when step != decided => (CallbackOutcome.Contradicted, SagaStep.Review, $"{callback.Provider} called back {AnswerText(callback.Status)} after answering otherwise; check the payout with the provider.", "It contradicts the provider's earlier answer: the hold goes to manual review."),
            _ => (CallbackOutcome.Noted, step, null, $"The saga had already decided ({StepText(step)}); nothing changes."),
        };
        if (outcome is CallbackOutcome.Applied or CallbackOutcome.Contradicted)
        {
            var move = ChangeStatement.Sql(
                """
                update core.payout_sagas
                set step = $2, next_due_at = $3, version = version + 1, last_answer = $4, last_detail = $5, reason = $6, updated_at = $3
                where hold_id = $1
                """,
                hold.ToString(), StepText(next), now, AnswerText(callback.Status), callback.Reason, reason);
            await RunAsync(connection, [move], cancellationToken);
        }

        return (outcome, detail);
    }

    private static string Describe(ProviderCallback callback, CallbackOutcome outcome, string detail) =>
        $"{RequestValidator.ToSnakeCase(outcome.ToString())}: {detail}{(callback.Reason is null ? string.Empty : $" (reason: {callback.Reason})")}";

    private static NpgsqlBatchCommand AppendNote(HoldId hold, TimelineNote note) => ChangeStatement.Sql(
        "insert into core.payout_timeline (hold_id, at, kind, answer, detail) values ($1, $2, $3, $4, $5)",
        hold.ToString(), note.At, RequestValidator.ToSnakeCase(note.Kind.ToString()), AnswerText(note.Answer), note.Detail);

    private static async Task RunAsync(NpgsqlConnection connection, IReadOnlyList<NpgsqlBatchCommand> statements, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var statement in statements)
        {
            batch.BatchCommands.Add(statement);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<PayoutSaga>> ReadSagasAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var sagas = new List<PayoutSaga>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            sagas.Add(new PayoutSaga(
                HoldId.Parse(reader.GetString(0)).Value,
                reader.GetString(1),
                ParseStep(reader.GetString(2)),
                reader.GetInt32(3),
                reader.GetInt64(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : ParseAnswer(reader.GetString(6)),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.GetFieldValue<DateTimeOffset>(9),
                reader.GetFieldValue<DateTimeOffset>(10)));
        }

        return sagas;
    }

    private static async Task<IReadOnlyList<TimelineEntry>> ReadTimelineAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<TimelineEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new TimelineEntry(
                reader.GetInt64(0),
                HoldId.Parse(reader.GetString(1)).Value,
                reader.GetFieldValue<DateTimeOffset>(2),
                Enum.GetValues<TimelineKind>().Single(kind => RequestValidator.ToSnakeCase(kind.ToString()) == reader.GetString(3)),
                reader.IsDBNull(4) ? null : HoldStatuses.Parse(reader.GetString(4)),
                reader.IsDBNull(5) ? null : ParseAnswer(reader.GetString(5)),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return entries;
    }

    private static string StepText(SagaStep step) => RequestValidator.ToSnakeCase(step.ToString());

    private static SagaStep ParseStep(string text) => Enum.GetValues<SagaStep>().Single(step => StepText(step) == text);

    private static string? AnswerText(ProviderAnswerKind? answer) => answer is { } kind ? RequestValidator.ToSnakeCase(kind.ToString()) : null;

    private static ProviderAnswerKind ParseAnswer(string text) => Enum.GetValues<ProviderAnswerKind>().Single(kind => AnswerText(kind) == text);
}
