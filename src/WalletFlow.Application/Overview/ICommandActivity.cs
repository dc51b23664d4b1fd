namespace WalletFlow.Application.Overview;

/// <summary>The journal's figures: how many commands completed and are pending, and when they completed.</summary>
public interface ICommandActivity
{
    Task<CommandCounts> CountAsync(CancellationToken cancellationToken);

    /// <summary>Commands completed in each minute from <paramref name="since"/>, oldest first; a minute with none is absent.</summary>
    Task<IReadOnlyList<MinuteCount>> CompletedPerMinuteAsync(DateTimeOffset since, CancellationToken cancellationToken);
}

/// <summary>Completed and pending commands in the journal, for every process. A rejected command leaves no row.</summary>
public sealed record CommandCounts(long Completed, long Pending);

/// <summary>How many commands completed in the minute starting at <see cref="Minute"/> (UTC).</summary>
public sealed record MinuteCount(DateTimeOffset Minute, long Count);
