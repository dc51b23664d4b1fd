using Orleans;
using Orleans.Concurrency;
using WalletFlow.Application.Commands;
using WalletFlow.Grains.Commands;

namespace WalletFlow.Grains.Wallets;

/// <summary>
/// The wallet grain. Its state is the ledger's, so it only batches: the ledger's locks and the journal's constraints
/// decide every outcome, which is why two activations of one wallet (during a membership change) cannot spend twice.
/// </summary>
/// <remarks>
/// Orleans runs one call at a time and has no batching of its own, so the grain is reentrant and keeps its own queue:
/// each call enqueues its command and waits for its answer; one flush loop at a time, started by the call that found
/// the queue idle and owned by no caller, hands up to <see cref="MaxBatchSize"/> queued commands to the silo's
/// <see cref="CommitPipeline"/> (which commits them with other grains' batches), answers each, and goes on while
/// commands keep arriving. Everything runs on the grain's scheduler, so the queue needs no lock. docs/grains.md,
/// "Group commit".
/// </remarks>
[Reentrant]
public sealed class WalletGrain(CommitPipeline pipeline, WalletGrainMetrics metrics) : Grain, IWalletGrain
{
    public const int MaxBatchSize = 64;

    private readonly Queue<Waiting> _queue = new();
    private bool _flushing;

    /// <summary>
    /// Commands waiting for the next batch whose callers still wait, read by tests from outside the grain's scheduler
    /// while a batch is held: a copy, since enumerating the queue while the grain enqueues would throw (a slot being
    /// cleared copies as null), and the tests poll until the count settles.
    /// </summary>
    internal int Queued => _queue.ToArray().Count(waiting => waiting is not null && !waiting.Answer.Task.IsCompleted);

    public Task<CommitAnswer> CommitAsync(PlannedCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var waiting = new Waiting(command, cancellationToken);
        _queue.Enqueue(waiting);
        if (!_flushing)
        {
            _flushing = true;
            _ = FlushAsync();
        }

        return waiting.Answer.Task;
    }

    /// <summary>Commits batches until the queue is empty. It never faults: a batch's failure is its callers' answer.</summary>
    private async Task FlushAsync()
    {
        try
        {
            while (TakeBatch() is { Count: > 0 } batch)
            {
                metrics.BatchSize.Record(batch.Count);
                try
                {
                    var outcomes = await pipeline.CommitAsync([.. batch.Select(waiting => waiting.Command)]);
                    for (var i = 0; i < batch.Count; i++)
                    {
                        batch[i].Answer.TrySetResult(CommitAnswer.From(outcomes[i]));
                    }
                }
                catch (Exception exception)
                {
                    batch.ForEach(waiting => waiting.Answer.TrySetException(exception));
                }
            }
        }
        finally
        {
            _flushing = false;
        }
    }

    private List<Waiting> TakeBatch()
    {
        var batch = new List<Waiting>(Math.Min(_queue.Count, MaxBatchSize));
        while (batch.Count < MaxBatchSize && _queue.TryDequeue(out var waiting))
        {
            if (waiting.TryTake())
            {
                batch.Add(waiting);
            }
        }

        return batch;
    }

    /// <summary>A queued command. Its caller giving up answers it cancelled at once, until a batch takes it.</summary>
    private sealed class Waiting
    {
        private readonly CancellationTokenRegistration _giveUp;

        public Waiting(PlannedCommand command, CancellationToken cancellationToken)
        {
            Command = command;
            _giveUp = cancellationToken.Register(() => Answer.TrySetCanceled(cancellationToken));
        }

        public PlannedCommand Command { get; }

        public TaskCompletionSource<CommitAnswer> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>False when the caller already gave up; otherwise the command is the batch's, cancelled or not.</summary>
        public bool TryTake()
        {
            _giveUp.Dispose();
            return !Answer.Task.IsCompleted;
        }
    }
}
