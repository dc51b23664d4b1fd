using System.Collections.Concurrent;
using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Tests.Grains;

/// <summary>
/// A journal for grain tests, shared by every silo of a cluster as the database is: it commits in memory, keeps each
/// batch it was given, claims each idempotency key once (a second commit of a key is a replay, as the database's unique
/// claim makes it), and can hold the first batch until released, refuse a command, or throw for a batch.
/// </summary>
internal sealed class ScriptedJournal : ICommandJournal
{
    private readonly TaskCompletionSource _firstBatchStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstBatchReleased = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string[]> _batches = new();
    private readonly ConcurrentDictionary<string, CommandOutcome> _claims = new();
    private int _commitsOfClaimedKeys;

    /// <summary>Whether the silo's pipeline merges grains' batches for it, as for the embedded ledger's journal.</summary>
    public bool CommitsGroupsTogether { get; init; }

    /// <summary>The first batch waits for <see cref="ReleaseFirstBatch"/>.</summary>
    public bool HoldFirstBatch { get; init; }

    /// <summary>Keys refused with <see cref="RefusalCode"/>.</summary>
    public IReadOnlySet<string> Refuse { get; init; } = new HashSet<string>();

    public string RefusalCode { get; init; } = ErrorCodes.InsufficientFunds;

    /// <summary>A batch holding this key throws, as a lost connection does.</summary>
    public string? ThrowFor { get; init; }

    /// <summary>Runs as each command commits, before its outcome: another process acting meanwhile.</summary>
    public Action<PlannedCommand>? BeforeCommit { get; set; }

    public Task FirstBatchStarted => _firstBatchStarted.Task;

    /// <summary>The keys of each batch, in the order the batches came.</summary>
    public IReadOnlyList<string[]> Batches => [.. _batches];

    /// <summary>Commits of a key already claimed: replays, never a second posting.</summary>
    public int Replays => _commitsOfClaimedKeys;

    public IReadOnlyCollection<string> Claimed => [.. _claims.Keys];

    public void ReleaseFirstBatch() => _firstBatchReleased.TrySetResult();

    public async Task<IReadOnlyList<Result<CommandOutcome>>> CommitAsync(IReadOnlyList<PlannedCommand> commands, CancellationToken cancellationToken)
    {
        var keys = commands.Select(command => command.IdempotencyKey).ToArray();
        _batches.Enqueue(keys);
        if (HoldFirstBatch && _firstBatchStarted.TrySetResult())
        {
            await _firstBatchReleased.Task;
        }

        if (ThrowFor is { } poisoned && keys.Contains(poisoned))
        {
            throw new InvalidOperationException("connection lost");
        }

        return [.. commands.Select(Commit)];
    }

    public Task<StoredCommand?> FindAsync(string scope, string idempotencyKey, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<StoredCommand?> FindAsync(CommandId id, CancellationToken cancellationToken) => throw new NotSupportedException();

    /// <summary>The receipt a command gets: its key as its command id, and the plan's data as the receipt's data.</summary>
    public static CommandReceipt<object> ReceiptOf(PlannedCommand command) =>
        new(command.IdempotencyKey, command.Command, command.IdempotencyKey, CommandReceipt<object>.Completed, 1, [], [], command.Plan.Data, DateTimeOffset.UnixEpoch);

    private Result<CommandOutcome> Commit(PlannedCommand command)
    {
        BeforeCommit?.Invoke(command);
        if (Refuse.Contains(command.IdempotencyKey))
        {
            return new Error(RefusalCode, $"Refused {command.IdempotencyKey}.", "amount") { Details = [Error.Validation("detail", "amount")] };
        }

        var fresh = new CommandOutcome(ReceiptOf(command), Replayed: false);
        var claimed = _claims.GetOrAdd(command.IdempotencyKey, fresh);
        if (!ReferenceEquals(claimed, fresh))
        {
            Interlocked.Increment(ref _commitsOfClaimedKeys);
            return claimed with { Replayed = true };
        }

        return fresh;
    }
}
