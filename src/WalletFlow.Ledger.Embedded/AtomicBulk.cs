using Npgsql;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Ledger.Embedded;

/// <summary>
/// An atomic bulk's part in the batch writer's database transaction: it sees the creations' and reversals' results,
/// runs the metadata changes after them in order, and rolls the whole transaction back at the first failure. A retry
/// of the batch calls it afresh, so it keeps only what the last call saw.
/// </summary>
internal sealed class AtomicBulk(string ledger, int count, IReadOnlyList<int> postIndexes, IReadOnlyList<(int Index, MetadataChange Change)> changes) : ILedgerBatchParticipant
{
    private readonly Result<BulkOutcome>?[] _results = new Result<BulkOutcome>?[count];

    public async Task<ParticipantVerdict> WriteAsync(NpgsqlConnection connection, IReadOnlyList<Result<PostResult>> results, CancellationToken cancellationToken)
    {
        Array.Clear(_results);
        for (var i = 0; i < results.Count; i++)
        {
            _results[postIndexes[i]] = results[i].Map(posted => new BulkOutcome(posted));
        }

        if (results.Any(result => !result.IsSuccess))
        {
            return ParticipantVerdict.RollBack;
        }

        foreach (var (index, change) in changes)
        {
            var changed = await change.ExecuteAsync(connection, ledger, cancellationToken);
            _results[index] = changed.Map(_ => BulkOutcome.Annotated);
            if (!changed.IsSuccess)
            {
                return ParticipantVerdict.RollBack;
            }
        }

        return ParticipantVerdict.Commit;
    }

    /// <summary>Every action's answer: its own failure, or, when any failed, that the bulk was rolled back.</summary>
    public IReadOnlyList<Result<BulkOutcome>> Results()
    {
        var failed = Array.FindIndex(_results, result => result is { IsSuccess: false });
        return _results.Select(Answer).ToList();

        Result<BulkOutcome> Answer(Result<BulkOutcome>? result) => result switch
        {
            { IsSuccess: false } own => own,
            { } applied when failed < 0 => applied,
            _ => LedgerErrors.BulkRolledBack(failed),
        };
    }

    /// <summary>The answer when some actions were refused before anything was written.</summary>
    public IReadOnlyList<Result<BulkOutcome>> Refused(IEnumerable<(int Index, Error Error)> refusals)
    {
        Array.Clear(_results);
        foreach (var (index, error) in refusals)
        {
            _results[index] = error;
        }

        return Results();
    }
}
