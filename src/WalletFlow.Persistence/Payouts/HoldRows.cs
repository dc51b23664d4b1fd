using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;
using WalletFlow.Persistence.Commands;

namespace WalletFlow.Persistence.Payouts;

/// <summary>The rows a command writes to <c>core.holds</c>.</summary>
internal static class HoldRows
{
    public static ChangeStatement Reserve(ReserveHold hold) => new(ChangeStatement.Sql(
        """
        insert into core.holds (id, wallet_id, currency, amount, provider, bank_id, beneficiary, status, created_at, updated_at)
        values ($1, $2, $3, $4, $5, $6, $7, 'reserved', $8, $8)
        """,
        hold.HoldId, hold.WalletId, hold.Currency, hold.Amount, hold.Provider, hold.BankId, hold.Beneficiary, hold.CreatedAt));

    /// <summary>Only from a status the move allows: a hold another command moved first refuses this one.</summary>
    public static ChangeStatement Move(MoveHold move) => new(
        ChangeStatement.Sql(
            "update core.holds set status = $2, reason = coalesce($3, reason), updated_at = $4 where id = $1 and status = any($5)",
            move.HoldId, HoldStatuses.ToText(move.To), move.Reason, move.At, move.From.Select(HoldStatuses.ToText).ToArray()),
        WhenUnchanged: () => new Error(ErrorCodes.HoldNotOpen, $"Hold {move.HoldId} was moved by another command first; it is no longer {string.Join(" or ", move.From.Select(HoldStatuses.ToText))}.", "holdId"));
}

/// <summary>A hold's status as <c>core.holds.status</c> spells it.</summary>
internal static class HoldStatuses
{
    public static string ToText(HoldStatus status) => RequestValidator.ToSnakeCase(status.ToString());

    public static HoldStatus Parse(string text) => Enum.GetValues<HoldStatus>().Single(status => ToText(status) == text);
}
