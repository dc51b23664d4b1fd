using Microsoft.Extensions.Logging;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Payouts.Providers;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.Payouts.Sagas;

/// <summary>
/// Runs the steps of the payout sagas that are due: asks the provider (submit or requery) and reads its answer, or ends
/// the hold through the registry's own commands (settle, release, manual review) with keys derived from the hold, so
/// flags and the hold grain apply, and a step run twice (two workers, a crash, a callback racing a requery) commits
/// once. Money moves only on the provider's definite answer; anything else is asked again until the budget is spent.
/// </summary>
public sealed partial class PayoutSagaRunner(
    IPayoutSagaStore sagas,
    IHoldStore holds,
    IPayoutProviders providers,
    CommandExecutor executor,
    PayoutSagaOptions options,
    TimeProvider time,
    ILogger<PayoutSagaRunner> logger)
{
    /// <summary>The caller of the saga's commands; its keys live in a scope of their own.</summary>
    public static Caller Caller { get; } = new("payout-saga", CallerRoles.Operator, "payout-saga");

    /// <summary>The key of a saga's step: the same for every run of it, so it commits once.</summary>
    public static string KeyOf(PayoutSaga saga, SagaStep step)
    {
        ArgumentNullException.ThrowIfNull(saga);
        return $"saga:{saga.Hold}:{step.ToString().ToLowerInvariant()}";
    }

    /// <summary>Claims the sagas due now and runs one step of each; how many it ran.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var claimed = await sagas.ClaimDueAsync(time.GetUtcNow(), options.Lease, options.BatchSize, cancellationToken);
        await Task.WhenAll(claimed.Select(saga => RunStepAsync(saga, cancellationToken)));
        return claimed.Count;
    }

    /// <summary>Marks the holds left reserved (never submitted) longer than <see cref="PayoutSagaOptions.StuckAfter"/>; how many it marked.</summary>
    public async Task<int> SweepStuckAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var stuck = await sagas.MarkStuckAsync(now - options.StuckAfter, now, cancellationToken);
        if (stuck > 0)
        {
            LogStuck(logger, stuck, options.StuckAfter);
        }

        return stuck;
    }

    private async Task RunStepAsync(PayoutSaga saga, CancellationToken cancellationToken)
    {
        var notes = new List<TimelineNote>();
        var advance = saga.Step switch
        {
            SagaStep.Submit or SagaStep.Requery => await AskProviderAsync(saga, notes, cancellationToken),
            SagaStep.Settle => await EndHoldAsync(saga, SettleHold.Descriptor, new SettleHoldRequest(saga.Hold.ToString()), notes, cancellationToken),
            SagaStep.Release => await EndHoldAsync(saga, ReleaseHold.Descriptor, new ReleaseHoldRequest(saga.Hold.ToString(), saga.Reason), notes, cancellationToken),
            SagaStep.Review => await EndHoldAsync(saga, MarkPayoutManualReview.Descriptor, new MarkPayoutManualReviewRequest(saga.Hold.ToString(), saga.Reason ?? "The payout saga could not trust any answer."), notes, cancellationToken),
            _ => SagaAdvance.Done,
        };

        if (!await sagas.AdvanceAsync(saga, advance, notes, time.GetUtcNow(), cancellationToken))
        {
            LogOvertaken(logger, saga.Hold.ToString(), saga.Step);
        }
    }

    /// <summary>Submits or requeries, and turns the answer into the next step.</summary>
    private async Task<SagaAdvance> AskProviderAsync(PayoutSaga saga, List<TimelineNote> notes, CancellationToken cancellationToken)
    {
        var hold = await holds.FindAsync(saga.Hold, cancellationToken) ?? throw new InvalidOperationException($"The saga of {saga.Hold} has no hold.");
        if (hold.Status != HoldStatus.Submitted)
        {
            // An operator ended the hold while the saga waited: the provider's answer could no longer move money.
            notes.Add(Note(TimelineKind.Decision, detail: $"The hold is {RequestValidator.ToSnakeCase(hold.Status.ToString())}; the saga stops without asking {saga.Provider}."));
            return SagaAdvance.Done;
        }

        if (providers.Find(saga.Provider) is not { } provider)
        {
            var reason = $"The provider {saga.Provider} is no longer configured; check the payout with the provider.";
            notes.Add(Note(TimelineKind.Decision, detail: reason));
            return new SagaAdvance(SagaStep.Review, time.GetUtcNow(), Reason: reason);
        }

        // A claim clears the last answer, so a submit claimed again with none (its worker died mid-call) may already
        // have reached the provider: it is repeated only if the provider dedupes by our reference, and otherwise the
        // provider is asked what it has. The first submit, and one after the provider said it has nothing, are safe.
        var submit = saga.Step == SagaStep.Submit
            && (saga.Attempts == 1 || saga.LastAnswer == ProviderAnswerKind.NotFound || provider.DedupesByReference);
        var answer = submit
            ? await provider.SubmitAsync(new PayoutSubmission(hold.Id.ToString(), hold.Amount.Minor, hold.Amount.Currency.Code, hold.Beneficiary), cancellationToken)
            : await provider.RequeryAsync(hold.Id.ToString(), cancellationToken);
        notes.Add(Note(submit ? TimelineKind.Submit : TimelineKind.Requery, answer.Kind, answer.Detail));

        var now = time.GetUtcNow();
        return answer.Kind switch
        {
            ProviderAnswerKind.Paid => new SagaAdvance(SagaStep.Settle, now, answer),
            ProviderAnswerKind.Failed => new SagaAdvance(SagaStep.Release, now, answer, $"{saga.Provider} failed the payout: {answer.Detail ?? "no reason given"}"),
            _ when saga.Attempts >= options.MaxAttempts => new SagaAdvance(
                SagaStep.Review, now, answer, $"No final answer from {saga.Provider} after {saga.Attempts} call{(saga.Attempts == 1 ? string.Empty : "s")}; the last was {Describe(answer)}."),
            // The provider never received the payout: submitting it (under the same reference) is safe.
            ProviderAnswerKind.NotFound => new SagaAdvance(SagaStep.Submit, now, answer),
            _ => new SagaAdvance(SagaStep.Requery, now + options.RetryDelay(saga.Attempts), answer),
        };
    }

    /// <summary>Runs the command that ends (or parks) the hold; a refusal other than the hold having moved is tried again later.</summary>
    private async Task<SagaAdvance> EndHoldAsync(PayoutSaga saga, CommandDescriptor command, object request, List<TimelineNote> notes, CancellationToken cancellationToken)
    {
        var outcome = await executor.ExecuteAsync(command, request, KeyOf(saga, saga.Step), Caller, cancellationToken);
        if (outcome.IsSuccess)
        {
            return SagaAdvance.Done;
        }

        var error = outcome.Error!;
        if (error.Code == ErrorCodes.HoldNotOpen)
        {
            notes.Add(Note(TimelineKind.Decision, detail: $"{command.Name} found the hold already moved by another command: {error.Message}"));
            return SagaAdvance.Done;
        }

        var retryAt = time.GetUtcNow() + options.StepRetryDelay;
        notes.Add(Note(TimelineKind.Decision, detail: $"{command.Name} was refused with {error.Code} ({error.Message}); the saga tries again at {retryAt:u}."));
        LogStepRefused(logger, saga.Hold.ToString(), command.Name, error.Code);
        return new SagaAdvance(saga.Step, retryAt, Reason: saga.Reason);
    }

    private TimelineNote Note(TimelineKind kind, ProviderAnswerKind? answer = null, string? detail = null) => new(kind, time.GetUtcNow(), answer, detail);

    private static string Describe(ProviderAnswer answer) =>
        answer.Detail is null ? RequestValidator.ToSnakeCase(answer.Kind.ToString()) : $"{RequestValidator.ToSnakeCase(answer.Kind.ToString())} ({answer.Detail})";

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} holds have been reserved for more than {Threshold} without being submitted; they are marked stuck")]
    private static partial void LogStuck(ILogger logger, int count, TimeSpan threshold);

    [LoggerMessage(Level = LogLevel.Information, Message = "The payout saga of {Hold} was taken over by another worker during its {Step} step; its result was noted, not applied.")]
    private static partial void LogOvertaken(ILogger logger, string hold, SagaStep step);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The payout saga of {Hold} had {Command} refused with {Code}; it will try again.")]
    private static partial void LogStepRefused(ILogger logger, string hold, string command, string code);
}
