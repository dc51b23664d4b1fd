using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;
using WalletFlow.Persistence.Commands;

namespace WalletFlow.Persistence.Payouts;

/// <summary>The row a command writes to <c>core.payout_sagas</c>.</summary>
internal static class SagaRows
{
    /// <summary>A hold has one saga: a second submit of it breaks the primary key, and is refused as the hold having moved.</summary>
    public static ChangeStatement Start(StartPayoutSaga saga) => new(
        ChangeStatement.Sql(
            "insert into core.payout_sagas (hold_id, provider, step, next_due_at, created_at, updated_at) values ($1, $2, 'submit', $3, $3, $3)",
            saga.HoldId, saga.Provider, saga.At),
        WhenUnchanged: () => AlreadySubmitted(saga),
        RefusingConstraint: "payout_sagas_pkey");

    private static Error AlreadySubmitted(StartPayoutSaga saga) =>
        new(ErrorCodes.HoldNotOpen, $"Hold {saga.HoldId} was submitted by another command first.", "holdId");
}
