using WalletFlow.Application.Commands;
using WalletFlow.Persistence.Commands;

namespace WalletFlow.Persistence.Wallets;

/// <summary>The rows a command writes to <c>core.wallets</c>.</summary>
internal static class WalletRows
{
    public static ChangeStatement Open(OpenWallet wallet) => new(ChangeStatement.Sql(
        "insert into core.wallets (id, merchant_id, currency, label, created_at) values ($1, $2, $3, $4, $5)",
        wallet.WalletId, wallet.MerchantId, wallet.Currency, wallet.Label, wallet.CreatedAt));
}
