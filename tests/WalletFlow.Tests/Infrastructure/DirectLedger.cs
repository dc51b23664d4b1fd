using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Ledger;

namespace WalletFlow.Tests.Infrastructure;

/// <summary>
/// The host's embedded ledger, for what no command of the scenario can do: fund the treasury's own accounts (as a
/// bank funding does, world to the account and world to what it funds, so the books stay balanced) and read them.
/// </summary>
public static class DirectLedger
{
    public const string Book = "main";

    public static async Task FundAsync(this WalletCoreHost host, string account, string funding, long minor, string asset)
    {
        ArgumentNullException.ThrowIfNull(host);
        var posted = await Ledger(host).PostAsync(Book, TransactionRequest.FromPostings(new Posting("world", account, minor, asset), new Posting("world", funding, minor, asset))
            with { Metadata = new Dictionary<string, string> { ["event_type"] = "bank_funding" } });
        Assert.True(posted.IsSuccess, posted.Error?.ToString());
    }

    public static async Task<long> AccountBalanceAsync(this WalletCoreHost host, string account, string asset)
    {
        ArgumentNullException.ThrowIfNull(host);
        return (long)(await Ledger(host).GetAccountAsync(Book, account)).Value.Balance(asset);
    }

    private static ILedger Ledger(WalletCoreHost host) => host.Factory.Services.GetRequiredService<ILedger>();
}
