using Npgsql;
using WalletFlow.Application.Overview;

namespace WalletFlow.Persistence.Overview;

/// <summary>The journal's figures from <c>core.commands</c>: the claims of every process, in one table.</summary>
internal sealed class PostgresCommandActivity(NpgsqlDataSource dataSource) : ICommandActivity
{
    public async Task<CommandCounts> CountAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select count(*) filter (where status = 'completed'), count(*) filter (where status = 'pending') from core.commands");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new CommandCounts(reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Reads the window through <c>commands_completed</c>: the last hour, not the whole journal.</summary>
    public async Task<IReadOnlyList<MinuteCount>> CompletedPerMinuteAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            select date_trunc('minute', completed_at, 'UTC'), count(*) from core.commands
            where status = 'completed' and completed_at >= $1
            group by 1 order by 1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = since });
        var minutes = new List<MinuteCount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            minutes.Add(new MinuteCount(reader.GetFieldValue<DateTimeOffset>(0), reader.GetInt64(1)));
        }

        return minutes;
    }
}
