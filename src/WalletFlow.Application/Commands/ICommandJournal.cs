using Orleans;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Application.Commands;

/// <summary>
/// The port that makes commands durable: claims, state changes, ledger postings and outbox events, committed together.
/// The API implements it over Postgres and the configured ledger.
/// </summary>
public interface ICommandJournal
{
    Task<StoredCommand?> FindAsync(string scope, string idempotencyKey, CancellationToken cancellationToken);

    Task<StoredCommand?> FindAsync(CommandId id, CancellationToken cancellationToken);

    /// <summary>
    /// Commits planned commands in order, as one group where the ledger allows: each succeeds or fails on its own; a
    /// later one sees what an earlier one did. A command whose key another submission completed first (same request)
    /// comes back as a replay of it; with a different request, as <c>IDEMPOTENCY_CONFLICT</c>.
    /// </summary>
    Task<IReadOnlyList<Result<CommandOutcome>>> CommitAsync(IReadOnlyList<PlannedCommand> commands, CancellationToken cancellationToken);

    /// <summary>
    /// Whether <see cref="CommitAsync"/> commits a group in one database transaction, so that a bigger group costs less
    /// per command; false for a journal that commits command by command.
    /// </summary>
    bool CommitsGroupsTogether => false;
}

/// <summary>A command ready to commit: its identity and claim, and its plan.</summary>
[GenerateSerializer, Alias("walletflow.planned_command"), Immutable]
public sealed record PlannedCommand(CommandId Id, string Scope, string IdempotencyKey, string Command, byte[] RequestHash, CommandPlan Plan, DateTimeOffset PlannedAt);

/// <summary>A claimed command as the journal holds it. <see cref="Receipt"/> is null while it is pending on an external ledger.</summary>
public sealed record StoredCommand(
    CommandId Id,
    string Scope,
    string IdempotencyKey,
    string Command,
    byte[] RequestHash,
    CommandReceipt<object>? Receipt,
    long? LedgerTransactionId,
    CommandId? ReversedBy)
{
    public bool IsCompleted => Receipt is not null;
}
