using Npgsql;
using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;
using WalletFlow.Ledger;
using WalletFlow.Ledger.Embedded;

namespace WalletFlow.Persistence.Commands;

/// <summary>
/// The journal over the embedded ledger: a command's claim, its state changes, its ledger posting and its outbox
/// event commit in one database transaction, so there is never a posting without its claim or a claim without its
/// posting. The ledger's idempotency key is the command's, so two submissions of one key racing from two processes
/// meet at the ledger's unique index: the second waits, then replays the first.
/// </summary>
internal sealed class EmbeddedCommandJournal(EmbeddedLedger ledger, NpgsqlDataSource dataSource, CommandLedger ledgerName, TimeProvider time) : ICommandJournal
{
    public bool CommitsGroupsTogether => true;

    public Task<StoredCommand?> FindAsync(string scope, string idempotencyKey, CancellationToken cancellationToken) =>
        CommandRows.FindAsync(dataSource, scope, idempotencyKey, cancellationToken);

    public Task<StoredCommand?> FindAsync(CommandId id, CancellationToken cancellationToken) =>
        CommandRows.FindAsync(dataSource, id, cancellationToken);

    public async Task<IReadOnlyList<Result<CommandOutcome>>> CommitAsync(IReadOnlyList<PlannedCommand> commands, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var outcomes = new Result<CommandOutcome>[commands.Count];
        var posts = Enumerable.Range(0, commands.Count).Where(i => commands[i].Plan.Ledger is PostTemplate).ToList();
        if (posts.Count > 0)
        {
            await PostAsync(commands, posts, outcomes, cancellationToken);
        }

        for (var i = 0; i < commands.Count; i++)
        {
            outcomes[i] = commands[i].Plan.Ledger switch
            {
                PostTemplate => outcomes[i],
                RevertTransaction revert => await RevertAsync(commands[i], revert, cancellationToken),
                _ => await StateOnlyCommands.CommitAsync(this, dataSource, commands[i], time, cancellationToken),
            };
        }

        return outcomes;
    }

    /// <summary>One ledger batch; a command refused while its rows are written leaves the batch, and the rest is posted again without it.</summary>
    private async Task PostAsync(IReadOnlyList<PlannedCommand> commands, List<int> batch, Result<CommandOutcome>[] outcomes, CancellationToken cancellationToken)
    {
        var unresolved = new List<int>();
        while (batch.Count > 0)
        {
            var participant = new Participant(batch.Select(i => commands[i]).ToList(), time);
            var results = await ledger.PostBatchAsync(ledgerName.Name, batch.Select(i => LedgerRequests.Post(commands[i])).ToList(), participant, cancellationToken);
            if (participant.Refused is { } refused)
            {
                var index = batch[refused.Index];
                batch.RemoveAt(refused.Index);
                if (refused.Error is { } error)
                {
                    outcomes[index] = error;
                }
                else
                {
                    unresolved.Add(index);
                }

                continue;
            }

            for (var j = 0; j < batch.Count; j++)
            {
                var index = batch[j];
                if (participant.Receipts[j] is { } receipt)
                {
                    outcomes[index] = new CommandOutcome(receipt, Replayed: false);
                }
                else if (LedgerRequests.IsClaimedElsewhere(results[j]))
                {
                    unresolved.Add(index);
                }
                else
                {
                    outcomes[index] = results[j].Error!;
                }
            }

            break;
        }

        foreach (var index in unresolved)
        {
            outcomes[index] = await LedgerRequests.ResolveAsync(this, commands[index], cancellationToken);
        }
    }

    private async Task<Result<CommandOutcome>> RevertAsync(PlannedCommand command, RevertTransaction revert, CancellationToken cancellationToken)
    {
        var participant = new Participant([command], time);
        var result = await ledger.RevertAsync(ledgerName.Name, LedgerRequests.Revert(command, revert), participant, cancellationToken);
        if (participant.Refused is { } refused)
        {
            return refused.Error ?? await LedgerRequests.ResolveAsync(this, command, cancellationToken);
        }

        if (participant.Receipts[0] is { } receipt)
        {
            return new CommandOutcome(receipt, Replayed: false);
        }

        if (LedgerRequests.IsClaimedElsewhere(result))
        {
            return await LedgerRequests.ResolveAsync(this, command, cancellationToken);
        }

        return result.Error!.Code == LedgerErrors.AlreadyRevertedCode
            ? new Error(ErrorCodes.AlreadyReversed, result.Error.Message, "transactionId")
            : result.Error;
    }

    /// <summary>
    /// Writes the rows of every command the ledger posted fresh, after the ledger's rows, before the commit; a command
    /// refused while its rows are written rolls the batch back, and <see cref="Refused"/> says which and why.
    /// </summary>
    private sealed class Participant(IReadOnlyList<PlannedCommand> commands, TimeProvider time) : ILedgerBatchParticipant
    {
        public CommandReceipt<object>?[] Receipts { get; private set; } = new CommandReceipt<object>?[commands.Count];

        public RowsRefused? Refused { get; private set; }

        public async Task<ParticipantVerdict> WriteAsync(NpgsqlConnection connection, IReadOnlyList<Result<PostResult>> results, CancellationToken cancellationToken)
        {
            // A retried batch calls again with new results: start from nothing.
            Receipts = new CommandReceipt<object>?[commands.Count];
            var changes = new StateChanges();
            var completedAt = time.GetUtcNow();
            for (var i = 0; i < commands.Count; i++)
            {
                if (results[i].IsSuccess && !results[i].Value.IdempotencyHit)
                {
                    Receipts[i] = Commands.Receipts.For(commands[i], results[i].Value.Transaction, completedAt);
                    changes.AddCompleted(i, commands[i], Receipts[i]!);
                }
            }

            Refused = await changes.ExecuteAsync(connection, cancellationToken);
            return Refused is null ? ParticipantVerdict.Commit : ParticipantVerdict.RollBack;
        }
    }
}
