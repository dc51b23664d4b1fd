using Npgsql;
using WalletFlow.Application.Commands;
using WalletFlow.Persistence.Controls;
using WalletFlow.Persistence.Corrections;
using WalletFlow.Persistence.Fx;
using WalletFlow.Persistence.Payouts;
using WalletFlow.Persistence.Statements;
using WalletFlow.Persistence.Webhooks;
using WalletFlow.Persistence.Wallets;

namespace WalletFlow.Persistence.Commands;

/// <summary>
/// The rows of one or more completed commands (claims, state changes, outbox events), sent to Postgres in one round
/// trip: the new claims in one multi-row statement, then each command's state changes in order, then the events in one
/// statement. Each state change's SQL is its capability's (<c>Wallets/WalletRows</c>, <c>Payouts/HoldRows</c>...); this
/// only orders them and reads back which command, if any, must be refused.
/// </summary>
internal sealed class StateChanges
{
    private readonly List<CompletedCommand> _claimed = [];
    private readonly List<CompletedCommand> _completed = [];
    private readonly List<Entry> _entries = [];

    /// <summary>
    /// The rows of a completed command. Its claim is inserted as completed, or, for a claim already pending (an external
    /// ledger), moved from pending to completed. Either way a claim that changes no row yields to the submission or the
    /// recovery that completed the key first.
    /// </summary>
    public void AddCompleted(int index, PlannedCommand command, CommandReceipt<object> receipt, bool claimIsPending = false)
    {
        var completed = new CompletedCommand(index, command, receipt);
        _completed.Add(completed);
        if (claimIsPending)
        {
            _entries.Add(new Entry(new ChangeStatement(CommandRows.CompletePending(completed)), index, IsClaim: true));
        }
        else
        {
            _claimed.Add(completed);
        }

        foreach (var change in command.Plan.Changes)
        {
            _entries.Add(new Entry(StatementOf(change, command), index, IsClaim: false));
        }
    }

    /// <summary>Writes every row; the first command refused, if one is, after which the caller must roll back.</summary>
    public async Task<RowsRefused?> ExecuteAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (_completed.Count == 0)
        {
            return null;
        }

        await using var batch = new NpgsqlBatch(connection);
        var claims = _claimed.Count > 0 ? CommandRows.InsertCompleted(_claimed) : null;
        if (claims is not null)
        {
            batch.BatchCommands.Add(claims);
        }

        foreach (var entry in _entries)
        {
            batch.BatchCommands.Add(entry.Change.Statement);
        }

        batch.BatchCommands.Add(CommandRows.InsertEvents(_completed));
        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation
            && _entries.FirstOrDefault(entry => entry.Change.RefusingConstraint == exception.ConstraintName) is { } broken)
        {
            // Npgsql names the failed statement only when the connection string asks it to; the constraint says which write it was.
            return new RowsRefused(broken.Index, broken.Change.WhenUnchanged!());
        }

        if (claims is not null && claims.RecordsAffected < _claimed.Count)
        {
            var present = await CommandRows.ClaimedAsync(connection, _claimed.Select(done => done.Command.Id), cancellationToken);
            return new RowsRefused(_claimed.First(done => !present.Contains(done.Command.Id.ToString())).Index, Error: null);
        }

        foreach (var entry in _entries.Where(entry => entry.Change.Statement.RecordsAffected == 0))
        {
            if (entry.IsClaim)
            {
                return new RowsRefused(entry.Index, Error: null);
            }

            if (entry.Change.WhenUnchanged is { } refusal)
            {
                return new RowsRefused(entry.Index, refusal());
            }
        }

        return null;
    }

    private static ChangeStatement StatementOf(StateChange change, PlannedCommand command) => change switch
    {
        OpenWallet wallet => WalletRows.Open(wallet),
        ReserveHold hold => HoldRows.Reserve(hold, command),
        MoveHold move => HoldRows.Move(move, command),
        StartPayoutSaga saga => SagaRows.Start(saga),
        IssueQuote quote => QuoteRows.Issue(quote),
        BookQuote book => QuoteRows.Book(book, command),
        SetFlag flag => FlagRows.Set(flag),
        RecordReversal reversal => ReversalRows.Record(reversal, command),
        StartStatementRebuild rebuild => StatementRebuildRows.Start(rebuild),
        AddWebhookEndpoint endpoint => WebhookRows.Add(endpoint),
        ReplaceWebhookSecret rotation => WebhookRows.ReplaceSecret(rotation),
        MoveWebhookDelivery move => WebhookRows.Move(move),
        _ => throw new InvalidOperationException($"No rows for the state change {change.GetType().Name}."),
    };

    private sealed record Entry(ChangeStatement Change, int Index, bool IsClaim);
}
