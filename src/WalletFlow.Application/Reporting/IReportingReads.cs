using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.Reporting;

/// <summary>The ledger's balances as the reports read them.</summary>
public interface IReportingReads
{
    /// <summary>
    /// Every account's balance per asset, <c>world</c> included: now when <paramref name="at"/> is null, else from the
    /// transactions up to and including <paramref name="at"/> by <paramref name="basis"/>. Accounts that moved only
    /// later are absent. <c>UNAVAILABLE</c> when the ledger is outside WalletFlow's database.
    /// </summary>
    Task<Result<IReadOnlyList<AccountBalance>>> BalancesAsync(DateTimeOffset? at, TimeBasis basis, CancellationToken cancellationToken);
}
