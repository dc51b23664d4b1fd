using WalletFlow.Application.Wallets;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Application.Fx;

/// <summary>The wallet checks of a conversion, where each side's currency is the wallet's own rather than one the caller names.</summary>
internal static class FxWallets
{
    public static async Task<Result<Wallet>> FindActiveAsync(this IWalletStore store, WalletId id, string field, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is not { } wallet)
        {
            return new Error(ErrorCodes.NotFound, $"Wallet {id} does not exist.", field);
        }

        return await store.FindActiveAsync(id, wallet.Currency, field, cancellationToken);
    }
}
