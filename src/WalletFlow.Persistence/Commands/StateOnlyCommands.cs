using Npgsql;
using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Persistence.Commands;

/// <summary>
/// Commits a command that posts nothing (a wallet opened, a quote issued, a flag set, a hold sent to review): its
/// claim, its state changes and its outbox event in one database transaction, whatever the ledger.
/// </summary>
internal static class StateOnlyCommands
{
    public static async Task<Result<CommandOutcome>> CommitAsync(ICommandJournal journal, NpgsqlDataSource dataSource, PlannedCommand command, TimeProvider time, CancellationToken cancellationToken)
    {
        var receipt = Receipts.For(command, transaction: null, time.GetUtcNow());
        var changes = new StateChanges();
        changes.AddCompleted(0, command, receipt);
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            switch (await changes.ExecuteAsync(connection, cancellationToken))
            {
                case null:
                    await transaction.CommitAsync(cancellationToken);
                    return new CommandOutcome(receipt, Replayed: false);
                case { Error: { } refusal }:
                    return refusal;
            }
        }

        // Another submission holds the key: its stored outcome decides.
        return await LedgerRequests.ResolveAsync(journal, command, cancellationToken);
    }
}
