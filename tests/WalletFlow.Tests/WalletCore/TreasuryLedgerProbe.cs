using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Domain.Money;
using WalletFlow.Grains.Commands;
using WalletFlow.Ledger;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.WalletCore;

/// <summary>
/// Everything a rejected command must leave as it was: the ledger's transactions, its non-zero balances, and the command
/// claims. Zero balances are left out: the embedded ledger creates the volume row of every account a posting touches to
/// lock it, and keeps the empty row when the posting is refused; a zero balance is the same with or without its row.
/// </summary>
public sealed record LedgerSnapshot(long Transactions, long Commands, string Balances);

/// <summary>Reads of the ledger and of receipts for the treasury, GPS and stablecoin scenarios.</summary>
internal static class TreasuryLedgerProbe
{
    public static async Task<LedgerSnapshot> SnapshotAsync(this WalletCoreHost host)
    {
        await using var command = host.Database.CreateCommand("""
            select (select count(*) from ledger.transactions where ledger = 'main'),
                   (select count(*) from core.commands),
                   (select coalesce(string_agg(account || ' ' || asset || ' ' || balance, '; ' order by account, asset), '')
                    from (select account, asset, sum(input - output) as balance from ledger.volumes where ledger = 'main' group by account, asset
                          having sum(input - output) <> 0) v)
            """);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return new LedgerSnapshot(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2));
    }

    /// <summary>Asserts the ledger and the claims are exactly as <paramref name="before"/>, and that there was something to compare.</summary>
    public static async Task AssertUnchangedAsync(this WalletCoreHost host, LedgerSnapshot before) => Assert.Equal(before, await host.SnapshotAsync());

    /// <summary>An account's balance as the ledger holds it, in the currency's decimal form.</summary>
    public static async Task<string> LedgerBalanceAsync(this WalletCoreHost host, string account, string currency)
    {
        var ledger = host.Factory.Services.GetRequiredService<ILedger>();
        var asset = Currency.Find(currency).Value.Asset;
        var view = (await ledger.GetAccountAsync("main", account)).Value;
        return LedgerViews.Format(view.Balance(asset), asset);
    }

    /// <summary>Asserts the receipt's <c>balances</c> are exactly these accounts with these balances (in any order), nothing more.</summary>
    public static void AssertBalances(this CommandResponse receipt, params (string Account, string Balance, string Currency)[] expected)
    {
        var actual = receipt.Body.GetProperty("balances").EnumerateArray()
            .Select(balance => (Text(balance, "account"), Text(balance, "balance"), Text(balance, "currency")))
            .OrderBy(balance => balance.Item1, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected.OrderBy(balance => balance.Account, StringComparer.Ordinal).ToList(), actual);
    }

    /// <summary>
    /// Closes a wallet in the database, as no command closes one yet. Call it before anything reads the wallet: the
    /// wallet store caches what it reads.
    /// </summary>
    public static async Task CloseWalletAsync(this WalletCoreHost host, string walletId)
    {
        await using var command = host.Database.CreateCommand("update core.wallets set status = 'closed' where id = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = walletId });
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    /// <summary>The problem's human sentence, which names the account a ledger rejection is about.</summary>
    public static string Detail(this CommandResponse response) => response.Body.GetProperty("detail").GetString()!;

    private static string Text(JsonElement element, string name) => element.GetProperty(name).GetString()!;
}
