using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;
using WalletFlow.Grains.Wallets;

namespace WalletFlow.Grains.Commands;

/// <summary>
/// One journal commit for the batches of many wallet grains: group commit across the silo. While a commit is in
/// flight, the batches that grains hand in wait; when it ends they all go in the next commit, up to
/// <see cref="MaxCommands"/> commands, so under load the silo makes one database transaction (and one fsync) for many
/// grains' commands instead of one each. Each grain gets back the outcomes of its own commands, in order.
/// </summary>
/// <remarks>
/// Only a journal that commits a group in one transaction gains from it (<see cref="ICommandJournal.CommitsGroupsTogether"/>);
/// for one that commits command by command (an external ledger over HTTP) merging would only queue grains behind each
/// other, so their batches go straight through.
/// </remarks>
public sealed class CommitPipeline(ICommandJournal journal, WalletGrainMetrics metrics)
{
    public const int MaxCommands = 256;

    private readonly Lock _gate = new();
    private readonly Queue<Handed> _handed = new();
    private bool _committing;

    /// <summary>Commands handed in and not yet taken by a commit (read by tests while a commit is held).</summary>
    internal int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _handed.Sum(handed => handed.Commands.Count);
            }
        }
    }

    public Task<IReadOnlyList<Result<CommandOutcome>>> CommitAsync(IReadOnlyList<PlannedCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        if (!journal.CommitsGroupsTogether)
        {
            return journal.CommitAsync(commands, CancellationToken.None);
        }

        var handed = new Handed(commands);
        lock (_gate)
        {
            _handed.Enqueue(handed);
            if (_committing)
            {
                return handed.Outcomes.Task;
            }

            _committing = true;
        }

        _ = Task.Run(CommitWhileHandedAsync);
        return handed.Outcomes.Task;
    }

    /// <summary>Commits what was handed in until nothing waits. It never faults: a commit's failure is its grains' answer.</summary>
    private async Task CommitWhileHandedAsync()
    {
        while (TakeGroup() is { Count: > 0 } group)
        {
            var commands = group.SelectMany(handed => handed.Commands).ToList();
            metrics.CommitSize.Record(commands.Count);
            try
            {
                var outcomes = await journal.CommitAsync(commands, CancellationToken.None);
                var next = 0;
                foreach (var handed in group)
                {
                    handed.Outcomes.TrySetResult([.. outcomes.Skip(next).Take(handed.Commands.Count)]);
                    next += handed.Commands.Count;
                }
            }
            catch (Exception exception)
            {
                group.ForEach(handed => handed.Outcomes.TrySetException(exception));
            }
        }
    }

    /// <summary>Whole batches up to <see cref="MaxCommands"/> (a first batch however large); empty, and no longer committing, when none waits.</summary>
    private List<Handed> TakeGroup()
    {
        lock (_gate)
        {
            var group = new List<Handed>();
            var commands = 0;
            while (_handed.TryPeek(out var next) && (group.Count == 0 || commands + next.Commands.Count <= MaxCommands))
            {
                group.Add(_handed.Dequeue());
                commands += next.Commands.Count;
            }

            _committing = group.Count > 0;
            return group;
        }
    }

    private sealed record Handed(IReadOnlyList<PlannedCommand> Commands)
    {
        public TaskCompletionSource<IReadOnlyList<Result<CommandOutcome>>> Outcomes { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
