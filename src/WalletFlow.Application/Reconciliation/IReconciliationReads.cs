using WalletFlow.Application.Reporting;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.Reconciliation;

/// <summary>The first mismatches a comparison found, in words, and how many there are in all.</summary>
public sealed record Mismatches(IReadOnlyList<string> First, int Count)
{
    public static Mismatches None { get; } = new([], 0);
}

/// <summary>Open hold rows against the ledger's hold accounts.</summary>
public sealed record HoldComparison(int OpenHolds, int HoldAccounts, Mismatches Mismatches);

/// <summary>
/// Statement lines against the ledger's wallet movements. <see cref="AwaitingProjection"/> counts the wallet
/// movements whose event the outbox relay has not published yet: they are on no statement by design, not a mismatch.
/// </summary>
public sealed record StatementComparison(int Wallets, long Lines, int AwaitingProjection, Mismatches Mismatches);

/// <summary>What the gates read, all from one snapshot of the database, so traffic that flows meanwhile cannot make a gate red.</summary>
public sealed record ReconciliationSnapshot(IReadOnlyList<AccountBalance> Balances, HoldComparison Holds, StatementComparison Statements);

public interface IReconciliationReads
{
    /// <summary>
    /// Reads the snapshot; each comparison lists at most <paramref name="mismatchLimit"/> mismatches. <c>UNAVAILABLE</c>
    /// when the ledger is outside WalletFlow's database, where no snapshot can hold both.
    /// </summary>
    Task<Result<ReconciliationSnapshot>> ReadAsync(int mismatchLimit, CancellationToken cancellationToken);
}
