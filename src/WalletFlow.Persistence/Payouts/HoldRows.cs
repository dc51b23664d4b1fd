using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;
using WalletFlow.Persistence.Commands;

namespace WalletFlow.Persistence.Payouts;

/// <summary>
/// The rows a command writes to <c>core.holds</c>. Each transition also appends its line to the payout's timeline, in
/// the same statement, so the timeline has every move whoever made it (the saga, an operator, a partner).
/// </summary>
internal static class HoldRows
{
    public static ChangeStatement Reserve(ReserveHold hold, PlannedCommand command) => new(ChangeStatement.Sql(
        """
        with reserved as (
            insert into core.holds (id, wallet_id, currency, amount, provider, bank_id, beneficiary, status, created_at, updated_at)
            values ($1, $2, $3, $4, $5, $6, $7, 'reserved', $8, $8)
            returning id)
        insert into core.payout_timeline (hold_id, at, kind, status, command_id)
        select id, $8, 'transition', 'reserved', $9 from reserved
        """,
        hold.HoldId, hold.WalletId, hold.Currency, hold.Amount, hold.Provider, hold.BankId, hold.Beneficiary, hold.CreatedAt, command.Id.ToString()));

    /// <summary>Only from a status the move allows: a hold another command moved first refuses this one (no row moved, no line written).</summary>
    public static ChangeStatement Move(MoveHold move, PlannedCommand command) => new(
        ChangeStatement.Sql(
            """
            with moved as (
                update core.holds set status = $2, reason = coalesce($3, reason), updated_at = $4
                where id = $1 and status = any($5)
                returning id)
            insert into core.payout_timeline (hold_id, at, kind, status, detail, command_id)
            select id, $4, 'transition', $2, $3, $6 from moved
            """,
            move.HoldId, HoldStatuses.ToText(move.To), move.Reason, move.At, move.From.Select(HoldStatuses.ToText).ToArray(), command.Id.ToString()),
        WhenUnchanged: () => new Error(ErrorCodes.HoldNotOpen, $"Hold {move.HoldId} was moved by another command first; it is no longer {string.Join(" or ", move.From.Select(HoldStatuses.ToText))}.", "holdId"));
}

/// <summary>A hold's status as <c>core.holds.status</c> spells it.</summary>
internal static class HoldStatuses
{
    public static string ToText(HoldStatus status) => RequestValidator.ToSnakeCase(status.ToString());

    public static HoldStatus Parse(string text) => Enum.GetValues<HoldStatus>().Single(status => ToText(status) == text);
}
