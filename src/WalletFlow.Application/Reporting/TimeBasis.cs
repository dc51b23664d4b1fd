namespace WalletFlow.Application.Reporting;

/// <summary>
/// Which of a ledger transaction's two times places it before or after a point in time. The ledger is bi-temporal: a
/// transaction is effective when it says it happened (a correction may be back-dated) and inserted when it was
/// written. A report by effective date answers "what were the balances then"; by insertion date, "what did the books
/// say then".
/// </summary>
public enum TimeBasis
{
    Effective,
    Insertion,
}
