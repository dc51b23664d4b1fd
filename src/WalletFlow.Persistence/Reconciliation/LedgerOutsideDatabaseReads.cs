using WalletFlow.Application.Reconciliation;
using WalletFlow.Application.Reporting;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Persistence.Reconciliation;

/// <summary>
/// The reports' and the gates' reads when the ledger is Formance, outside WalletFlow's database: no snapshot holds both
/// the books and the wallet core's rows there, and a report that compared two instants would go red on traffic alone,
/// so each read refuses with <c>UNAVAILABLE</c> and says why.
/// </summary>
internal sealed class LedgerOutsideDatabaseReads : IReportingReads, IReconciliationReads
{
    private static readonly Error Refusal = new(
        ErrorCodes.Unavailable,
        "Reports and reconciliation gates read the embedded ledger together with the wallet core's rows in one snapshot; this API runs on an external ledger, where they are not offered.");

    public Task<Result<IReadOnlyList<AccountBalance>>> BalancesAsync(DateTimeOffset? at, TimeBasis basis, CancellationToken cancellationToken) =>
        Task.FromResult(Result<IReadOnlyList<AccountBalance>>.Failure(Refusal));

    public Task<Result<ReconciliationSnapshot>> ReadAsync(int mismatchLimit, CancellationToken cancellationToken) =>
        Task.FromResult(Result<ReconciliationSnapshot>.Failure(Refusal));
}
