using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Reconciliation;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Persistence.Reconciliation;

/// <summary><c>core.reconciliation_runs</c>, the schedule's slots, and the alerts of red gates in <c>core.alerts</c>.</summary>
internal sealed class PostgresReconciliationRuns(NpgsqlDataSource dataSource) : IReconciliationRuns
{
    /// <summary>The source of the alerts the gates raise; each gate's alert is keyed by the gate's name.</summary>
    public const string AlertSource = "reconciliation";

    private const string Columns = "id, trigger, requested_by, started_at, finished_at, passed, gates";

    public async Task<bool> ClaimSlotAsync(DateTimeOffset slot, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("insert into core.reconciliation_slots (slot) values ($1) on conflict do nothing");
        command.Parameters.Add(new NpgsqlParameter { Value = slot });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task SaveAsync(ReconciliationRunData run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Statement(
            $"insert into core.reconciliation_runs ({Columns}) values ($1, $2, $3, $4, $5, $6, $7)",
            run.RunId, run.Trigger, run.RequestedBy, run.StartedAt, run.FinishedAt, run.Passed,
            new NpgsqlParameter { Value = JsonSerializer.Serialize(run.Gates, CommandJson.Options), NpgsqlDbType = NpgsqlDbType.Jsonb }));
        foreach (var gate in run.Gates)
        {
            batch.BatchCommands.Add(gate.Passed
                ? Statement(
                    "update core.alerts set resolved_at = $3, updated_at = $3 where source = $1 and key = $2 and resolved_at is null",
                    AlertSource, gate.Gate, run.FinishedAt)
                : Statement(
                    """
                    insert into core.alerts (source, key, severity, message, raised_at, updated_at) values ($1, $2, 'critical', $3, $4, $4)
                    on conflict (source, key) where resolved_at is null do update set message = excluded.message, updated_at = excluded.updated_at
                    """,
                    AlertSource, gate.Gate, $"Reconciliation gate '{gate.Title}' is red: {gate.MismatchCount} mismatch(es) in run {run.RunId}.", run.FinishedAt));
        }

        // A batch runs as one implicit transaction: the run and its alerts are stored together or not at all.
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ReconciliationRunData>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from core.reconciliation_runs order by started_at desc, id desc limit $1");
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<ReconciliationRunData?> FindAsync(ReconciliationRunId runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from core.reconciliation_runs where id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = runId.ToString() });
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    private static async Task<IReadOnlyList<ReconciliationRunData>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var runs = new List<ReconciliationRunData>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(new ReconciliationRunData(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetBoolean(5),
                JsonSerializer.Deserialize<List<GateResultData>>(reader.GetString(6), CommandJson.Options) ?? []));
        }

        return runs;
    }

    private static NpgsqlBatchCommand Statement(string sql, params object[] values)
    {
        var statement = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            statement.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        }

        return statement;
    }
}
