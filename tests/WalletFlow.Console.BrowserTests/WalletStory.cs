using WalletFlow.Application.Commands;
using WalletFlow.Application.Payouts;
using WalletFlow.Application.Wallets;

namespace WalletFlow.Console.BrowserTests;

/// <summary>Wallet commands for the new pages to show, run through the executor as the console runs them: a wallet, a pay-in and a payout hold.</summary>
internal static class WalletStory
{
    public sealed record Story(string Wallet, string Payin, string Hold);

    public static async Task<Story> RunAsync(CommandExecutor executor)
    {
        var caller = Caller.Admin("browser story");
        var created = await executor.ExecuteAsync(CreateWallet.Descriptor, new CreateWalletRequest("story", "NGN", "Story payroll"), "story-wallet", caller, CancellationToken.None);
        var wallet = ((WalletData)created.Value.Receipt.Data).WalletId;
        var payin = await executor.ExecuteAsync(PostPayin.Descriptor, new PostPayinRequest(wallet, "citi", "5000.00", "NGN", "paystack", "story-payin"), "story-payin", caller, CancellationToken.None);
        var hold = await executor.ExecuteAsync(ReservePayout.Descriptor, new ReservePayoutRequest(wallet, "1200.00", "NGN", "stripe", "citi", "Jane Doe", "story-payout"), "story-payout", caller, CancellationToken.None);
        return new Story(wallet, payin.Value.Receipt.CommandId, ((HoldData)hold.Value.Receipt.Data).HoldId);
    }
}
