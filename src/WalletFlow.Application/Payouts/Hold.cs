using WalletFlow.Application.Commands;
using WalletFlow.Application.Wallets;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;
using MoneyValue = WalletFlow.Domain.Money.Money;

namespace WalletFlow.Application.Payouts;

/// <summary>
/// A payout's hold: the amount set aside in <c>wallets:{wallet}:holds:{id}</c>, and where its payout stands;
/// <see cref="StuckSince"/> says when the sweeper found it still reserved past its threshold.
/// </summary>
public sealed record Hold(
    HoldId Id,
    WalletId Wallet,
    MoneyValue Amount,
    string Provider,
    BankId Bank,
    string? Beneficiary,
    HoldStatus Status,
    string? Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? StuckSince = null);

/// <summary>Which holds to list: any combination of wallet and status, after a cursor (the last hold id seen).</summary>
public sealed record HoldFilter(WalletId? Wallet, HoldStatus? Status, HoldId? After, int Limit);

/// <summary>The port that reads holds; the API implements it over Postgres.</summary>
public interface IHoldStore
{
    Task<Hold?> FindAsync(HoldId id, CancellationToken cancellationToken);

    Task<IReadOnlyList<Hold>> ListAsync(HoldFilter filter, CancellationToken cancellationToken);
}

public static class Holds
{
    /// <summary>The statuses a hold still has money in: it can be settled, released or sent to manual review from these.</summary>
    public static IReadOnlyList<HoldStatus> Open { get; } = [HoldStatus.Reserved, HoldStatus.Submitted, HoldStatus.ManualReview];

    /// <summary>
    /// The hold, if it exists and its status is one of <paramref name="from"/>. Handlers check before planning so a
    /// refused step costs no ledger work; the hold grain checks again when it commits.
    /// </summary>
    public static async Task<Result<Hold>> FindMovableAsync(this IHoldStore store, HoldId id, IReadOnlyList<HoldStatus> from, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(from);
        var hold = await store.FindAsync(id, cancellationToken);
        return hold is not null && from.Contains(hold.Status) ? hold : NotOpen(id, hold?.Status);
    }

    /// <summary>The flag scopes of a step of <paramref name="hold"/>'s payout: its wallet's merchant, its currency, its provider.</summary>
    public static async Task<FlagScope> FlagScopeAsync(this IWalletStore wallets, Hold hold, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wallets);
        ArgumentNullException.ThrowIfNull(hold);
        var wallet = await wallets.FindAsync(hold.Wallet, cancellationToken);
        return FlagScope.Of(wallet?.Merchant.Value, hold.Amount.Currency.Code, hold.Provider);
    }

    public static Error NotOpen(HoldId id, HoldStatus? status) => status is null
        ? new Error(ErrorCodes.NotFound, $"Hold {id} does not exist.", "holdId")
        : new Error(ErrorCodes.HoldNotOpen, $"Hold {id} is {RequestValidator.ToSnakeCase(status.Value.ToString())}; this step cannot move it from there.", "holdId");
}
