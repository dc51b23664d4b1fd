using Npgsql;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Ledger.Embedded;

/// <summary>
/// Writes rows of its own inside an embedded-ledger batch's database transaction, once the ledger has written its
/// rows and before the commit, knowing each transaction's result (posted, replayed or refused). It is the embedded
/// adapter's own extension point (the ledger port, <see cref="ILedger"/>, knows no database).
/// <list type="bullet">
/// <item>Its verdict decides the batch: <see cref="ParticipantVerdict.RollBack"/> undoes it, the ledger's rows
/// included, and every transaction of it fails with <see cref="LedgerErrors.RolledBack"/>; the participant keeps why.</item>
/// <item>Throwing is for bugs: it rolls the batch back too, and the exception reaches the caller.</item>
/// <item>A unique violation it causes (a claim another batch committed meanwhile) retries the whole batch, as a race of
/// the ledger's own does: it is then called again, in a new transaction, with the new results. Its writes must
/// therefore depend only on what it is given.</item>
/// <item>It runs while the batch holds its volume rows: it must take its own locks in a fixed order and not wait on
/// anything outside the database.</item>
/// </list>
/// </summary>
public interface ILedgerBatchParticipant
{
    Task<ParticipantVerdict> WriteAsync(NpgsqlConnection connection, IReadOnlyList<Result<PostResult>> results, CancellationToken cancellationToken);
}

/// <summary>Whether the batch a participant wrote into commits.</summary>
public enum ParticipantVerdict
{
    Commit,
    RollBack,
}
