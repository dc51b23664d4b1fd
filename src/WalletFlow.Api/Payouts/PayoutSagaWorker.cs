using WalletFlow.Api.Workers;
using WalletFlow.Application.Payouts.Sagas;

namespace WalletFlow.Api.Payouts;

/// <summary>
/// Runs the due payout sagas in this process, beside the workers of every other API process (the store's claims keep
/// them apart), and marks the holds left reserved past their threshold. A killed process's sagas come due again when
/// their lease runs out, and another worker resumes them.
/// </summary>
internal sealed class PayoutSagaWorker(PayoutSagaRunner runner, PayoutSagaOptions options, TimeProvider time, ILogger<PayoutSagaWorker> logger)
    : PollingWorker(time, logger)
{
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    protected override TimeSpan PollInterval => options.PollInterval;

    protected override async Task<bool> RunPassAsync(CancellationToken cancellationToken)
    {
        var ran = await runner.RunDueAsync(cancellationToken);
        if (Time.GetUtcNow() >= _nextSweep)
        {
            await runner.SweepStuckAsync(cancellationToken);
            _nextSweep = Time.GetUtcNow() + options.StuckSweepInterval;
        }

        return ran >= options.BatchSize;
    }
}
