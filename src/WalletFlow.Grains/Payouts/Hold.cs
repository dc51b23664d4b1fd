using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;
using WalletFlow.Grains.Commands;
using MoneyValue = WalletFlow.Domain.Money.Money;

namespace WalletFlow.Grains.Payouts;

/// <summary>A payout's hold: the amount set aside in <c>wallets:{wallet}:holds:{id}</c>, and where its payout stands.</summary>
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
    DateTimeOffset UpdatedAt);

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

    public static Error NotOpen(HoldId id, HoldStatus? status) => status is null
        ? new Error(ErrorCodes.NotFound, $"Hold {id} does not exist.", "holdId")
        : new Error(ErrorCodes.HoldNotOpen, $"Hold {id} is {RequestValidator.ToSnakeCase(status.Value.ToString())}; it can no longer move.", "holdId");
}
