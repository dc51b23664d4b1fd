using System.Data;
using Npgsql;
using WalletFlow.Application.ChartOfAccounts;
using WalletFlow.Domain.ChartOfAccounts;
using WalletFlow.Domain.Templates;

namespace WalletFlow.Persistence.ChartOfAccounts;

/// <summary>
/// The stored chart (<c>core.chart_*</c>), the stored templates (<c>core.numscript_templates</c>) and their audit
/// (<c>core.catalog_changes</c>). A change locks its tables for the transaction, so two concurrent rebuilds run one
/// after the other and the second finds nothing to do; reads see one snapshot, never half of a change.
/// </summary>
internal sealed class PostgresChartCatalogStore(NpgsqlDataSource dataSource) : IChartCatalogStore
{
    private const string ChartTables = "core.chart_gl_accounts, core.chart_address_mappings, core.chart_event_mappings, core.chart_event_lines";

    private const string AuditColumns =
        "id, action, actor, at, changed, gl_accounts, address_mappings, event_mappings, templates, digest_before, digest_after";

    public async Task<ChartCsv?> ReadChartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        return await ReadChartAsync(connection, transaction, cancellationToken);
    }

    public async Task<IReadOnlyList<TemplateText>> ReadTemplatesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ReadTemplatesAsync(connection, null, cancellationToken);
    }

    public async Task<CatalogChange> StoreChartAsync(AccountChart chart, CatalogEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chart);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"lock table {ChartTables} in exclusive mode", cancellationToken);
        var before = (await ReadChartAsync(connection, transaction, cancellationToken))?.Digest;
        var after = chart.ToCsv().Digest;
        if (before != after)
        {
            await ReplaceChartAsync(connection, transaction, chart, cancellationToken);
        }

        var change = await AuditAsync(
            connection, transaction, entry, (chart.Accounts.Count, chart.Mappings.Count, chart.Events.Count, null), before, after, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return change;
    }

    public async Task<CatalogChange> StoreTemplatesAsync(IReadOnlyList<TemplateText> templates, CatalogEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(templates);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, "lock table core.numscript_templates in exclusive mode", cancellationToken);
        var stored = await ReadTemplatesAsync(connection, transaction, cancellationToken);
        var before = stored.Count == 0 ? null : TemplateText.CatalogDigest(stored);
        var after = TemplateText.CatalogDigest(templates);
        if (before != after)
        {
            await using var replace = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand("delete from core.numscript_templates"),
                    Batch(
                        "insert into core.numscript_templates (name, text, digest) select * from unnest($1::text[], $2::text[], $3::text[])",
                        templates.Select(t => t.Name).ToArray(), templates.Select(t => t.Text).ToArray(), templates.Select(t => t.Digest).ToArray()),
                },
            };
            await replace.ExecuteNonQueryAsync(cancellationToken);
        }

        var change = await AuditAsync(connection, transaction, entry, (null, null, null, templates.Count), before, after, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return change;
    }

    public async Task<IReadOnlyList<CatalogChange>> HistoryAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select {AuditColumns} from core.catalog_changes order by id desc limit $1");
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var changes = new List<CatalogChange>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            changes.Add(ReadChange(reader));
        }

        return changes;
    }

    private static async Task ReplaceChartAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, AccountChart chart, CancellationToken cancellationToken)
    {
        var lines = chart.Events
            .SelectMany(e => e.Debits.Select((gl, i) => (e.EventType, Side: "debit", Position: i, gl.Code))
                .Concat(e.Credits.Select((gl, i) => (e.EventType, Side: "credit", Position: i, gl.Code))))
            .ToList();
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("delete from core.chart_event_lines"),
                new NpgsqlBatchCommand("delete from core.chart_event_mappings"),
                new NpgsqlBatchCommand("delete from core.chart_address_mappings"),
                new NpgsqlBatchCommand("delete from core.chart_gl_accounts"),
                Batch(
                    """
                    insert into core.chart_gl_accounts (gl_code, position, name, class, normal_balance, description)
                    select code, position - 1, name, class, normal_balance, description
                    from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) with ordinality as a (code, name, class, normal_balance, description, position)
                    """,
                    chart.Accounts.Select(a => a.Code).ToArray(),
                    chart.Accounts.Select(a => a.Name).ToArray(),
                    chart.Accounts.Select(a => a.Class.ToString().ToLowerInvariant()).ToArray(),
                    chart.Accounts.Select(a => a.NormalBalance.ToString().ToLowerInvariant()).ToArray(),
                    chart.Accounts.Select(a => a.Description).ToArray()),
                Batch(
                    """
                    insert into core.chart_address_mappings (pattern, position, gl_code)
                    select pattern, position - 1, gl_code from unnest($1::text[], $2::text[]) with ordinality as m (pattern, gl_code, position)
                    """,
                    chart.Mappings.Select(m => m.Pattern.Text).ToArray(),
                    chart.Mappings.Select(m => m.Account.Code).ToArray()),
                Batch(
                    """
                    insert into core.chart_event_mappings (event_type, position, description)
                    select event_type, position - 1, description from unnest($1::text[], $2::text[]) with ordinality as e (event_type, description, position)
                    """,
                    chart.Events.Select(e => e.EventType).ToArray(),
                    chart.Events.Select(e => e.Description).ToArray()),
                Batch(
                    "insert into core.chart_event_lines (event_type, side, position, gl_code) select * from unnest($1::text[], $2::text[], $3::int[], $4::text[])",
                    lines.Select(l => l.EventType).ToArray(), lines.Select(l => l.Side).ToArray(), lines.Select(l => l.Position).ToArray(), lines.Select(l => l.Code).ToArray()),
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The stored rows written back as the chart's files; null when no GL line is stored.</summary>
    private static async Task<ChartCsv?> ReadChartAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var accounts = await RowsAsync(connection, transaction, "select gl_code, name, class, normal_balance, description from core.chart_gl_accounts order by position", cancellationToken);
        if (accounts.Count == 0)
        {
            return null;
        }

        var mappings = await RowsAsync(connection, transaction, "select pattern, gl_code from core.chart_address_mappings order by position", cancellationToken);
        var events = await RowsAsync(
            connection,
            transaction,
            """
            select e.event_type,
                   coalesce(string_agg(l.gl_code, ';' order by l.position) filter (where l.side = 'debit'), ''),
                   coalesce(string_agg(l.gl_code, ';' order by l.position) filter (where l.side = 'credit'), ''),
                   e.description
            from core.chart_event_mappings e left join core.chart_event_lines l on l.event_type = e.event_type
            group by e.event_type, e.position, e.description
            order by e.position
            """,
            cancellationToken);
        return ChartCsv.FromRows(accounts, mappings, events);
    }

    private static async Task<List<TemplateText>> ReadTemplatesAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        [.. (await RowsAsync(connection, transaction, "select name, text from core.numscript_templates order by name", cancellationToken)).Select(row => new TemplateText(row[0], row[1]))];

    private static async Task<List<string[]>> RowsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<string[]>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        }

        return rows;
    }

    private static async Task<CatalogChange> AuditAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        CatalogEntry entry,
        (int? GlAccounts, int? AddressMappings, int? EventMappings, int? Templates) counts,
        string? before,
        string after,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            insert into core.catalog_changes (action, actor, at, changed, gl_accounts, address_mappings, event_mappings, templates, digest_before, digest_after)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            returning {AuditColumns}
            """,
            connection,
            transaction);
        foreach (var value in new object?[] { entry.Action, entry.Actor, entry.At, before != after, counts.GlAccounts, counts.AddressMappings, counts.EventMappings, counts.Templates, before, after })
        {
            command.Parameters.Add(value is null ? new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Unknown } : new NpgsqlParameter { Value = value });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ReadChange(reader);
    }

    private static CatalogChange ReadChange(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetFieldValue<DateTimeOffset>(3),
        reader.GetBoolean(4),
        NullableInt(reader, 5),
        NullableInt(reader, 6),
        NullableInt(reader, 7),
        NullableInt(reader, 8),
        reader.IsDBNull(9) ? null : reader.GetString(9),
        reader.GetString(10));

    private static int? NullableInt(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand Batch(string sql, params object[] arrays)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var array in arrays)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = array });
        }

        return command;
    }
}
