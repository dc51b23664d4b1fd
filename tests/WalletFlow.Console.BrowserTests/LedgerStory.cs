using WalletFlow.Ledger;

namespace WalletFlow.Console.BrowserTests;

/// <summary>A little history on ledger main for the pages to show: a pay-in, a treasury funding, and a transfer made by mistake and reverted.</summary>
internal static class LedgerStory
{
    public const string PayinReference = "payin-browser-1";

    public static async Task<LedgerTransaction> PostAsync(ILedger ledger, string wallet)
    {
        await ledger.CreateLedgerAsync("main");
        var payin = await ledger.PostAsync("main", TransactionRequest.FromPostings(new Posting("world", wallet, 25_000, "NGN/2")) with
        {
            Reference = PayinReference,
            Metadata = new Dictionary<string, string> { ["event_type"] = "payin", ["provider"] = "fincra" },
        });
        await ledger.PostAsync("main", TransactionRequest.FromPostings(new Posting("world", "platform:treasury:usd", 1_234_567, "USD/2")));
        var mistake = await ledger.PostAsync("main", TransactionRequest.FromPostings(new Posting(wallet, "wallets:wal_browser02:available", 5_000, "NGN/2")));
        await ledger.RevertAsync("main", new RevertRequest(mistake.Value.Transaction.Id));
        return payin.Value.Transaction;
    }
}
