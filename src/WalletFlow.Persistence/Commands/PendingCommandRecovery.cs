using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WalletFlow.Persistence.Commands;

/// <summary>
/// Drives commands left pending on an external ledger to an end: every few seconds it takes over the pending commands
/// whose lease ran out (their process died, or the ledger never answered) and sends each one's ledger request again,
/// under the same key, so the ledger either posts it once or replays what it already posted. Several API processes
/// may each run one: the lease gives each pending command to one of them at a time.
/// </summary>
internal sealed partial class PendingCommandRecovery(
    ExternalCommandJournal journal, Npgsql.NpgsqlDataSource dataSource, TimeProvider time, ILogger<PendingCommandRecovery> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private const int BatchSize = 20;

    /// <summary>One sweep; the number of pending commands it ended.</summary>
    public async Task<int> RecoverOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var abandoned = await CommandRows.LeaseAbandonedAsync(dataSource, now, now + ExternalCommandJournal.Lease, BatchSize, cancellationToken);
        var ended = 0;
        foreach (var command in abandoned)
        {
            var outcome = await journal.ResumeAsync(command, cancellationToken);
            if (outcome.IsSuccess || outcome.Error.Code != Domain.Errors.ErrorCodes.Unavailable)
            {
                ended++;
                LogEnded(command.Id.ToString(), outcome.IsSuccess ? "completed" : $"refused ({outcome.Error.Code})");
            }
        }

        return ended;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RecoverOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogSweepFailed(exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recovered pending command {CommandId}: {Outcome}")]
    private partial void LogEnded(string commandId, string outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "A recovery sweep failed; the next one retries")]
    private partial void LogSweepFailed(Exception exception);
}
