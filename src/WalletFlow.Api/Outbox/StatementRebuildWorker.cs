using WalletFlow.Api.Workers;
using WalletFlow.Application.Statements;

namespace WalletFlow.Api.Outbox;

/// <summary>
/// Looks for a statement rebuild to run (a new one, or one whose process died) and runs it to its end. A rebuild that
/// stops midway keeps its progress; its lease runs out and it resumes after the last wallet done.
/// </summary>
internal sealed class StatementRebuildWorker(StatementRebuilder rebuilder, TimeProvider time, ILogger<StatementRebuildWorker> logger)
    : PollingWorker(time, logger)
{
    protected override TimeSpan PollInterval => TimeSpan.FromSeconds(1);

    protected override async Task<bool> RunPassAsync(CancellationToken cancellationToken)
    {
        await rebuilder.RunAsync(cancellationToken);
        return false;
    }
}
