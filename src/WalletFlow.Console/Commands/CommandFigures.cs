using Npgsql;

namespace WalletFlow.Console.Commands;

/// <summary>
/// How many commands the journal holds, completed and still pending, counted with one query on its table. A rejected
/// command leaves no row (it never claimed its key), so rejections are not counted here.
/// </summary>
public sealed class CommandFigures(NpgsqlDataSource dataSource)
{
    public async Task<CommandCounts> CountAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select count(*) filter (where status = 'completed'), count(*) filter (where status = 'pending') from core.commands");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new CommandCounts(reader.GetInt64(0), reader.GetInt64(1));
    }
}

public sealed record CommandCounts(long Completed, long Pending);
