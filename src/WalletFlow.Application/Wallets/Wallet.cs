using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;
using WalletFlow.Domain.Money;

namespace WalletFlow.Application.Wallets;

/// <summary>A wallet: whose it is and its one currency. Its balances are the ledger's, never stored here.</summary>
public sealed record Wallet(WalletId Id, MerchantId Merchant, Currency Currency, string? Label, WalletStatus Status, DateTimeOffset CreatedAt);

public enum WalletStatus
{
    Active,
    Closed,
}

/// <summary>The port that reads wallets; the API implements it over Postgres. A wallet never changes currency or owner, so it may be cached.</summary>
public interface IWalletStore
{
    Task<Wallet?> FindAsync(WalletId id, CancellationToken cancellationToken);

    Task<IReadOnlyList<Wallet>> ListAsync(MerchantId? merchant, WalletId? after, int limit, CancellationToken cancellationToken);
}

/// <summary>The checks every command makes of the wallets it names.</summary>
public static class Wallets
{
    /// <summary>The wallet, if it exists, is active and holds <paramref name="currency"/>.</summary>
    public static async Task<Result<Wallet>> FindActiveAsync(this IWalletStore store, WalletId id, Currency currency, string field, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (await store.FindAsync(id, cancellationToken) is not { } wallet)
        {
            return new Error(ErrorCodes.NotFound, $"Wallet {id} does not exist.", field);
        }

        if (wallet.Status != WalletStatus.Active)
        {
            return new Error(ErrorCodes.WalletNotActive, $"Wallet {id} is {wallet.Status.ToString().ToLowerInvariant()} and cannot move money.", field);
        }

        return wallet.Currency == currency
            ? wallet
            : new Error(ErrorCodes.CurrencyMismatch, $"Wallet {id} holds {wallet.Currency.Code}, not {currency.Code}.", field);
    }
}
