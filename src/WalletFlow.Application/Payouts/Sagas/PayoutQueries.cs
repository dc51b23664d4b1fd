using WalletFlow.Application.Commands;
using WalletFlow.Application.Payouts.Providers;
using WalletFlow.Application.Wallets;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.Payouts.Sagas;

/// <summary>A payout: its hold, its saga (none until it is submitted), and its timeline, oldest first.</summary>
public sealed record PayoutData(HoldData Hold, PayoutSagaData? Saga, IReadOnlyList<PayoutEventData> Timeline);

/// <summary>Where a payout's saga stands: its next step, the provider calls made, when it is next due, and the provider's last answer.</summary>
public sealed record PayoutSagaData(
    [property: Choice(typeof(SagaStep))] string Step,
    int Attempts,
    DateTimeOffset? NextDueAt,
    [property: Choice(typeof(ProviderAnswerKind))] string? LastAnswer,
    string? LastDetail,
    string? Reason,
    DateTimeOffset UpdatedAt)
{
    public static PayoutSagaData From(PayoutSaga saga) => new(
        Snake(saga.Step), saga.Attempts, saga.NextDueAt, saga.LastAnswer is { } answer ? Snake(answer) : null, saga.LastDetail, saga.Reason, saga.UpdatedAt);

    internal static string Snake<T>(T value)
        where T : struct, Enum => RequestValidator.ToSnakeCase(value.ToString());
}

/// <summary>One line of a payout's timeline: a transition of its hold (with its command), a provider call or callback and its answer, or a decision of the saga.</summary>
public sealed record PayoutEventData(
    string HoldId,
    DateTimeOffset At,
    [property: Choice(typeof(TimelineKind))] string Kind,
    [property: Choice(typeof(HoldStatus))] string? Status,
    [property: Choice(typeof(ProviderAnswerKind))] string? Answer,
    string? Detail,
    string? CommandId)
{
    public static PayoutEventData From(TimelineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(
            entry.Hold.ToString(),
            entry.At,
            PayoutSagaData.Snake(entry.Kind),
            entry.Status is { } status ? PayoutSagaData.Snake(status) : null,
            entry.Answer is { } answer ? PayoutSagaData.Snake(answer) : null,
            entry.Detail,
            entry.CommandId);
    }
}

/// <summary>The latest provider events of every payout, newest first.</summary>
public sealed record ProviderEventsData(IReadOnlyList<PayoutEventData> Items);

/// <summary>The payout reads for every front: one payout with its saga and timeline, and the provider-event log.</summary>
public sealed class PayoutQueries(IHoldStore holds, IPayoutSagaStore sagas)
{
    public const int ProviderEventLimit = 50;

    public async Task<Result<PayoutData>> GetPayoutAsync(string? holdId, CancellationToken cancellationToken)
    {
        var fields = new RequestValidator();
        var id = fields.Hold(holdId, "holdId");
        if (fields.Failed(out var error))
        {
            return error;
        }

        if (await holds.FindAsync(id, cancellationToken) is not { } hold)
        {
            return new Error(ErrorCodes.NotFound, $"Hold {id} does not exist.", "holdId");
        }

        var saga = await sagas.FindAsync(id, cancellationToken);
        var timeline = await sagas.TimelineAsync(id, cancellationToken);
        return new PayoutData(HoldData.From(hold), saga is null ? null : PayoutSagaData.From(saga), [.. timeline.Select(PayoutEventData.From)]);
    }

    /// <summary>The latest submits, requeries and callbacks across every payout, newest first.</summary>
    public async Task<ProviderEventsData> ProviderEventsAsync(CancellationToken cancellationToken) =>
        new([.. (await sagas.ProviderEventsAsync(ProviderEventLimit, cancellationToken)).Select(PayoutEventData.From)]);
}
