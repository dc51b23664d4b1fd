using Microsoft.Extensions.Logging;
using Npgsql;
using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;
using WalletFlow.Ledger;
using WalletFlow.Ledger.Formance;

namespace WalletFlow.Persistence.Commands;

/// <summary>
/// The journal over an external ledger (Formance), which cannot join WalletFlow's database transaction. The claim
/// commits first, as pending with its plan and a lease; the ledger call carries the command's key, so repeating it
/// never posts twice; then the claim, the state changes and the outbox event commit together. A call that ends
/// without an answer leaves the claim pending: when its lease runs out, <see cref="PendingCommandRecovery"/> repeats the
/// very same ledger request and ends the command either way. A refusal deletes the claim, so the key can be used again.
/// </summary>
internal sealed partial class ExternalCommandJournal(
    ILedger ledger, NpgsqlDataSource dataSource, CommandLedger ledgerName, TimeProvider time, ILogger<ExternalCommandJournal> logger) : ICommandJournal
{
    /// <summary>How long the process that claims a command owns it before a recovery may take it over; longer than a ledger call's total timeout.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    public Task<StoredCommand?> FindAsync(string scope, string idempotencyKey, CancellationToken cancellationToken) =>
        CommandRows.FindAsync(dataSource, scope, idempotencyKey, cancellationToken);

    public Task<StoredCommand?> FindAsync(CommandId id, CancellationToken cancellationToken) =>
        CommandRows.FindAsync(dataSource, id, cancellationToken);

    public async Task<IReadOnlyList<Result<CommandOutcome>>> CommitAsync(IReadOnlyList<PlannedCommand> commands, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var outcomes = new List<Result<CommandOutcome>>(commands.Count);
        foreach (var command in commands)
        {
            outcomes.Add(await CommitAsync(command, cancellationToken));
        }

        return outcomes;
    }

    /// <summary>Ends a pending command another process left behind, by sending its ledger request again.</summary>
    public Task<Result<CommandOutcome>> ResumeAsync(PlannedCommand command, CancellationToken cancellationToken) => FinishAsync(command, cancellationToken);

    private async Task<Result<CommandOutcome>> CommitAsync(PlannedCommand command, CancellationToken cancellationToken)
    {
        if (command.Plan.Ledger is null)
        {
            return await StateOnlyCommands.CommitAsync(this, dataSource, command, time, cancellationToken);
        }

        await using (var claim = CommandRows.InsertPending(dataSource, command, time.GetUtcNow() + Lease))
        {
            if (await claim.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return await LedgerRequests.ResolveAsync(this, command, cancellationToken);
            }
        }

        return await FinishAsync(command, cancellationToken);
    }

    private async Task<Result<CommandOutcome>> FinishAsync(PlannedCommand command, CancellationToken cancellationToken)
    {
        Result<PostResult> posted;
        try
        {
            posted = command.Plan.Ledger switch
            {
                PostTemplate => await ledger.PostAsync(ledgerName.Name, LedgerRequests.Post(command), cancellationToken),
                RevertTransaction revert => await ledger.RevertAsync(ledgerName.Name, LedgerRequests.Revert(command, revert), cancellationToken),
                _ => throw new InvalidOperationException($"Command {command.Id} has no ledger work to resume."),
            };
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or TimeoutException or FormanceLedgerException)
        {
            LogLedgerUnanswered(command.Id.ToString(), exception.Message);
            return new Error(ErrorCodes.Unavailable, $"The ledger did not answer; command {command.Id} stays pending and will be completed or abandoned by recovery. Retry with the same idempotency key to learn its outcome.");
        }

        if (!posted.TryGetValue(out var result, out var refusal))
        {
            await ReleaseClaimAsync(command, cancellationToken);
            return refusal.Code == ErrorCodes.IdempotencyConflict
                ? new Error(ErrorCodes.Conflict, $"The ledger already holds a different transaction under this command's key; use a new idempotency key.", "idempotencyKey")
                : refusal;
        }

        // Formance holds any integer; WalletFlow's balances are 64-bit, so a posting beyond them is undone and refused.
        if (result.Transaction is { } transaction && LedgerRequests.BeyondBounds(transaction) is { } beyond)
        {
            await CompensateAsync(command, transaction, cancellationToken);
            await ReleaseClaimAsync(command, cancellationToken);
            return beyond;
        }

        // A hit means an earlier attempt of this very command posted it (the answer was lost): it completes now.
        return await CompleteAsync(command, result.Transaction, cancellationToken);
    }

    private async Task<Result<CommandOutcome>> CompleteAsync(PlannedCommand command, LedgerTransaction? transaction, CancellationToken cancellationToken)
    {
        var receipt = Receipts.For(command, transaction, time.GetUtcNow());
        var changes = new StateChanges();
        changes.AddCompleted(0, command, receipt, claimIsPending: true);
        Error? refused;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var databaseTransaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var rows = await changes.ExecuteAsync(connection, cancellationToken);
            if (rows is null)
            {
                await databaseTransaction.CommitAsync(cancellationToken);
                return new CommandOutcome(receipt, Replayed: false);
            }

            refused = rows.Error;
        }

        if (refused is null)
        {
            // Completed meanwhile by a recovery (or by us, before a lost answer): the stored receipt is the outcome.
            return await LedgerRequests.ResolveAsync(this, command, cancellationToken) is { IsSuccess: true } stored
                ? stored.Value with { Replayed = false }
                : throw new InvalidOperationException($"Command {command.Id} was posted but its claim is gone.");
        }

        // The wallet core moved on while the ledger posted (a hold settled elsewhere, a quote booked twice): the
        // posting has no state to belong to, so it is undone before the refusal is reported.
        if (transaction is not null)
        {
            await CompensateAsync(command, transaction, cancellationToken);
        }

        await ReleaseClaimAsync(command, cancellationToken);
        return refused;
    }

    private async Task CompensateAsync(PlannedCommand command, LedgerTransaction transaction, CancellationToken cancellationToken)
    {
        var compensation = new RevertRequest(transaction.Id)
        {
            IdempotencyKey = LedgerRequests.Key(command) + ":compensation",
            Metadata = new Dictionary<string, string> { ["walletflow_compensates_command_id"] = command.Id.ToString(), ["reason"] = "the command's state change was refused after the ledger posted it" },
        };
        var reverted = await ledger.RevertAsync(ledgerName.Name, compensation, cancellationToken);
        if (!reverted.IsSuccess)
        {
            LogCompensationFailed(command.Id.ToString(), transaction.Id, reverted.Error.ToString());
        }
    }

    private async Task ReleaseClaimAsync(PlannedCommand command, CancellationToken cancellationToken)
    {
        await using var release = CommandRows.DeletePending(dataSource, command);
        await release.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The ledger did not answer command {CommandId} ({Reason}); it stays pending for recovery")]
    private partial void LogLedgerUnanswered(string commandId, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Command {CommandId}: compensating ledger transaction {TransactionId} failed ({Error}); an operator must reverse it")]
    private partial void LogCompensationFailed(string commandId, long transactionId, string error);
}
