using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Application.Reconciliation;

/// <summary>The stored runs of the gates as operators read them.</summary>
public sealed class ReconciliationQueries(IReconciliationRuns runs)
{
    public const int RecentCount = 20;

    public async Task<ReconciliationRunListData> ListRunsAsync(CancellationToken cancellationToken) => new(await runs.ListAsync(RecentCount, cancellationToken));

    /// <summary>The latest run, if the gates ever ran.</summary>
    public async Task<ReconciliationRunData?> LatestAsync(CancellationToken cancellationToken) => (await runs.ListAsync(1, cancellationToken)).FirstOrDefault();

    public async Task<Result<ReconciliationRunData>> GetRunAsync(string? runId, CancellationToken cancellationToken)
    {
        var fields = new RequestValidator();
        var id = fields.Read(ReconciliationRunId.Parse(runId), "runId");
        if (fields.Failed(out var error))
        {
            return error;
        }

        return await runs.FindAsync(id, cancellationToken) is { } found
            ? found
            : new Error(ErrorCodes.NotFound, $"No reconciliation run has the id {id}.", "runId");
    }
}
