namespace WalletFlow.Api.Workers;

/// <summary>
/// The loop every background worker of the API runs: a pass, then a wait unless the pass says more work is waiting (a
/// full batch). A failed pass is logged and the next one retries: what the pass claimed was rolled back or leased, so
/// nothing is lost by going again.
/// </summary>
internal abstract partial class PollingWorker(TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time { get; } = time;

    protected abstract TimeSpan PollInterval { get; }

    /// <summary>Runs one pass; true when more work may be waiting, so that the next pass starts at once.</summary>
    protected abstract Task<bool> RunPassAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var more = false;
            try
            {
                more = await RunPassAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPassFailed(exception, GetType().Name);
            }

            if (!more)
            {
                await Task.Delay(PollInterval, Time, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A pass of {Worker} failed; the next one retries")]
    private partial void LogPassFailed(Exception exception, string worker);
}
