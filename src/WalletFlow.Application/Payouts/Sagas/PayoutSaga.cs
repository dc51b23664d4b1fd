using WalletFlow.Application.Commands;
using WalletFlow.Application.Payouts.Providers;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Application.Payouts.Sagas;

/// <summary>What a payout's saga does next. The hold's status stays the truth about the money; the step is the plan.</summary>
public enum SagaStep
{
    /// <summary>Submit the payout to its provider (again only when the provider dedupes by our reference, or said it never saw it).</summary>
    Submit,

    /// <summary>Ask the provider about the payout: its last answer was pending or ambiguous.</summary>
    Requery,

    /// <summary>The provider paid: settle the hold.</summary>
    Settle,

    /// <summary>The provider failed the payout: release the hold.</summary>
    Release,

    /// <summary>No answer can be trusted: send the hold to manual review, its money still held.</summary>
    Review,

    /// <summary>The hold is settled, released or in manual review; nothing is left to do.</summary>
    Done,
}

/// <summary>
/// One hold's saga as the store keeps it. <see cref="Attempts"/> counts the provider calls started, the claimed one
/// included; <see cref="Version"/> is the claim's, and only a write carrying it lands. A claimed saga carries the last
/// answer from before its claim, which the store clears until the step records the new one. <see cref="Reason"/> is what the
/// release or the manual review will say (the provider's reason, or why no answer could be trusted).
/// </summary>
public sealed record PayoutSaga(
    HoldId Hold,
    string Provider,
    SagaStep Step,
    int Attempts,
    long Version,
    DateTimeOffset? NextDueAt,
    ProviderAnswerKind? LastAnswer,
    string? LastDetail,
    string? Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>Where a saga goes after a step: its next step, when it is due, and the provider's answer if the step asked for one.</summary>
public sealed record SagaAdvance(SagaStep Step, DateTimeOffset? DueAt, ProviderAnswer? Answer = null, string? Reason = null)
{
    public static SagaAdvance Done { get; } = new(SagaStep.Done, DueAt: null);
}

public enum TimelineKind
{
    /// <summary>The hold moved (reserved, submitted, settled, released, manual review), in the command's own transaction.</summary>
    Transition,

    /// <summary>The payout was submitted to the provider, with its answer.</summary>
    Submit,

    /// <summary>The provider was asked about the payout, with its answer.</summary>
    Requery,

    /// <summary>The provider called back.</summary>
    Callback,

    /// <summary>The saga decided something that is not a transition: a refused step it will retry, an answer it ignored.</summary>
    Decision,

    /// <summary>The sweeper found the hold still reserved past its threshold.</summary>
    Stuck,
}

/// <summary>One line of a payout's timeline.</summary>
public sealed record TimelineEntry(long Id, HoldId Hold, DateTimeOffset At, TimelineKind Kind, HoldStatus? Status, ProviderAnswerKind? Answer, string? Detail, string? CommandId);

/// <summary>A line the saga adds to a payout's timeline.</summary>
public sealed record TimelineNote(TimelineKind Kind, DateTimeOffset At, ProviderAnswerKind? Answer, string? Detail);

/// <summary>A provider's callback about one of our payouts, once its signature has been verified.</summary>
public sealed record ProviderCallback(string Provider, string Reference, ProviderAnswerKind Status, string? Reason);

/// <summary>What a callback did.</summary>
public enum CallbackOutcome
{
    /// <summary>The first final answer for the reference: the saga settles or releases next.</summary>
    Applied,

    /// <summary>The reference's final answer was already received: nothing changes.</summary>
    Duplicate,

    /// <summary>A final answer for a payout whose saga had already decided, or a pending one: noted, nothing changes.</summary>
    Noted,

    /// <summary>An answer contradicting the one the saga was about to act on: the hold goes to manual review instead.</summary>
    Contradicted,

    /// <summary>No payout of ours through this provider has this reference: nothing changes.</summary>
    UnknownReference,
}

/// <summary>The port to the sagas' rows, the timeline and the callbacks; the API implements it over Postgres.</summary>
public interface IPayoutSagaStore
{
    /// <summary>
    /// Claims up to <paramref name="limit"/> sagas due at <paramref name="now"/> that no other worker holds: each is
    /// pushed <paramref name="lease"/> into the future (so a worker that dies leaves it due again), its version bumped,
    /// and its attempts counted when the step calls the provider.
    /// </summary>
    Task<IReadOnlyList<PayoutSaga>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken);

    /// <summary>Adds the notes to the timeline, and moves the saga on if it is still at the claimed version; false when another worker took it since.</summary>
    Task<bool> AdvanceAsync(PayoutSaga claimed, SagaAdvance advance, IReadOnlyList<TimelineNote> notes, DateTimeOffset now, CancellationToken cancellationToken);

    Task<PayoutSaga?> FindAsync(HoldId hold, CancellationToken cancellationToken);

    Task<IReadOnlyList<TimelineEntry>> TimelineAsync(HoldId hold, CancellationToken cancellationToken);

    /// <summary>The latest provider events of every payout (submits, requeries, callbacks), newest first.</summary>
    Task<IReadOnlyList<TimelineEntry>> ProviderEventsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Records a callback: a final answer is kept once per (provider, reference) for good, and fed to the saga.</summary>
    Task<CallbackOutcome> RecordCallbackAsync(ProviderCallback callback, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Marks the holds still reserved since before <paramref name="reservedBefore"/> as stuck (once each); how many it marked.</summary>
    Task<int> MarkStuckAsync(DateTimeOffset reservedBefore, DateTimeOffset now, CancellationToken cancellationToken);
}
