using Orleans;
using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Grains.Commands;

/// <summary>
/// What a grain answers for one planned command: its outcome, or the refusal. <see cref="Result{T}"/> is the domain's
/// struct; this is its form on the way back from a grain, which may live on another silo.
/// </summary>
[GenerateSerializer, Alias("walletflow.commit_answer"), Immutable]
public sealed record CommitAnswer(CommandOutcome? Outcome, Error? Refusal)
{
    public static CommitAnswer From(Result<CommandOutcome> result) =>
        result.TryGetValue(out var outcome, out var refusal) ? new(outcome, null) : new(null, refusal);

    public Result<CommandOutcome> ToResult() =>
        Outcome ?? (Result<CommandOutcome>)(Refusal ?? throw new InvalidOperationException("A commit answer holds neither an outcome nor a refusal."));
}
