using WalletFlow.Domain.Errors;

namespace WalletFlow.Ledger.Embedded;

public sealed partial class EmbeddedLedger
{
    /// <summary>
    /// Not atomic: each action through its own port method, in order. Atomic: one database transaction, through the
    /// batch writer with an <see cref="AtomicBulk"/> participant, so nothing is written unless every action succeeds.
    /// </summary>
    public async Task<Result<IReadOnlyList<Result<BulkOutcome>>>> ApplyBulkAsync(
        string ledger, IReadOnlyList<BulkAction> actions, BulkOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(options);
        var known = await GetLedgerAsync(ledger, cancellationToken);
        if (!known.IsSuccess)
        {
            return known.Error;
        }

        return options.Atomic
            ? Result<IReadOnlyList<Result<BulkOutcome>>>.Success(await ApplyAtomicallyAsync(ledger, actions, cancellationToken))
            : Result<IReadOnlyList<Result<BulkOutcome>>>.Success(await ApplyInOrderAsync(ledger, actions, options.ContinueOnFailure, cancellationToken));
    }

    private async Task<IReadOnlyList<Result<BulkOutcome>>> ApplyInOrderAsync(string ledger, IReadOnlyList<BulkAction> actions, bool continueOnFailure, CancellationToken cancellationToken)
    {
        var results = new List<Result<BulkOutcome>>(actions.Count);
        foreach (var action in actions)
        {
            var stopped = !continueOnFailure && results.Exists(result => !result.IsSuccess);
            results.Add(stopped ? LedgerErrors.NotAttempted : await ApplyAsync(ledger, action, cancellationToken));
        }

        return results;
    }

    private async Task<Result<BulkOutcome>> ApplyAsync(string ledger, BulkAction action, CancellationToken cancellationToken) => action switch
    {
        CreateTransactionAction create => (await PostAsync(ledger, create.Request, cancellationToken)).Map(posted => new BulkOutcome(posted)),
        RevertTransactionAction revert => (await RevertAsync(ledger, revert.Request, cancellationToken)).Map(posted => new BulkOutcome(posted)),
        _ => (await ChangeAsync(ledger, MetadataChangeOf(action), cancellationToken)).Map(_ => BulkOutcome.Annotated),
    };

    /// <summary>
    /// Whatever can be refused without writing (bad input, an unknown transaction to revert) is refused first, and
    /// then nothing is written at all. Otherwise the creations and reversals go to the batch writer as one batch and
    /// the metadata changes run, in order, in its database transaction once the transactions are written (so they
    /// may annotate a transaction the bulk created); the first failure rolls everything back.
    /// </summary>
    private async Task<IReadOnlyList<Result<BulkOutcome>>> ApplyAtomicallyAsync(string ledger, IReadOnlyList<BulkAction> actions, CancellationToken cancellationToken)
    {
        var posts = new List<(int Index, Result<ValidatedRequest> Request)>();
        var changes = new List<(int Index, Result<MetadataChange> Change)>();
        for (var i = 0; i < actions.Count; i++)
        {
            switch (actions[i])
            {
                case CreateTransactionAction create:
                    posts.Add((i, RequestValidation.Validate(create.Request)));
                    break;
                case RevertTransactionAction revert:
                    var reversal = await ReversalAsync(ledger, revert.Request, cancellationToken);
                    posts.Add((i, reversal.Bind(valid => RequestValidation.Validate(valid, revert.Request.TransactionId))));
                    break;
                default:
                    changes.Add((i, MetadataChangeOf(actions[i])));
                    break;
            }
        }

        var bulk = new AtomicBulk(ledger, actions.Count, posts.ConvertAll(post => post.Index), changes.Where(change => change.Change.IsSuccess).Select(change => (change.Index, change.Change.Value)).ToList());
        var refusals = posts.Where(post => !post.Request.IsSuccess).Select(post => (post.Index, post.Request.Error!))
            .Concat(changes.Where(change => !change.Change.IsSuccess).Select(change => (change.Index, change.Change.Error!)))
            .ToList();
        if (refusals.Count > 0)
        {
            return bulk.Refused(refusals);
        }

        if (posts.Count > 0)
        {
            await _writer.WriteAsync(ledger, posts.ConvertAll(post => post.Request), bulk, cancellationToken);
        }
        else
        {
            await OnLedgerAsync<bool>(ledger, async connection =>
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                if (await bulk.WriteAsync(connection, [], cancellationToken) == ParticipantVerdict.Commit)
                {
                    await transaction.CommitAsync(cancellationToken);
                }

                return true;
            }, cancellationToken);
        }

        return bulk.Results();
    }

    private static Result<MetadataChange> MetadataChangeOf(BulkAction action) => action switch
    {
        SetMetadataAction set => MetadataChange.Set(set.Target, set.Metadata),
        DeleteMetadataAction delete => MetadataChange.Delete(delete.Target, delete.Key),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Not a metadata action."),
    };
}
