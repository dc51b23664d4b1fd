using WalletFlow.Application.Statements;

namespace WalletFlow.Api.Outbox;

/// <summary>Looks for a statement rebuild to run (a new one, or one whose process died) and runs it to its end.</summary>
internal sealed partial class StatementRebuildWorker(StatementRebuilder rebuilder, TimeProvider time, ILogger<StatementRebuildWorker> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await rebuilder.RunAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogRebuildFailed(exception);
            }

            await Task.Delay(PollInterval, time, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A statement rebuild stopped; its lease runs out and it resumes where it got to")]
    private partial void LogRebuildFailed(Exception exception);
}
