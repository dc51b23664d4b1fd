using WalletFlow.Application.Payouts.Sagas;

namespace WalletFlow.Api.Payouts;

/// <summary>
/// Runs the due payout sagas in this process, beside the workers of every other API process (the store's claims keep
/// them apart), and marks the holds left reserved past their threshold. A killed process's sagas come due again when
/// their lease runs out, and another worker resumes them.
/// </summary>
internal sealed partial class PayoutSagaWorker(PayoutSagaRunner runner, PayoutSagaOptions options, TimeProvider time, ILogger<PayoutSagaWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextSweep = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var ran = 0;
            try
            {
                ran = await runner.RunDueAsync(stoppingToken);
                if (time.GetUtcNow() >= nextSweep)
                {
                    await runner.SweepStuckAsync(stoppingToken);
                    nextSweep = time.GetUtcNow() + options.StuckSweepInterval;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPassFailed(exception);
            }

            // A full batch means more may be due: go again at once.
            if (ran < options.BatchSize)
            {
                await Task.Delay(options.PollInterval, time, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A payout saga pass failed; the next one retries")]
    private partial void LogPassFailed(Exception exception);
}
