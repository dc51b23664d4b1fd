using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Controls;
using WalletFlow.Domain.Money;
using WalletFlow.Ledger;

namespace WalletFlow.Tests.Infrastructure;

/// <summary>
/// Everything a rejected command must leave as it was: the ledger's transactions, its non-zero balances, and the command
/// claims. Zero balances are left out: the embedded ledger creates the volume row of every account a posting touches to
/// lock it, and keeps the empty row when the posting is refused; a zero balance is the same with or without its row.
/// </summary>
public sealed record LedgerSnapshot(long Transactions, long Commands, string Balances);

/// <summary>
/// An account's balance read before a scenario moves it. On a host a class's tests share, the desk, pool, bank and
/// equity accounts hold what earlier tests left there, so a receipt shows that balance plus what the scenario moved.
/// </summary>
public sealed record AccountBalance(string Account, string Currency, long Minor)
{
    /// <summary>
    /// The receipt's entry for this account once <paramref name="amount"/> more is in it, written at the scale of
    /// <paramref name="amount"/> ("900.500000" USDC, "500" JPY): the test states the scale, the API does not.
    /// </summary>
    public (string Account, string Balance, string Currency) Plus(string amount)
    {
        var point = amount.IndexOf('.', StringComparison.Ordinal);
        var scale = point < 0 ? 0 : amount.Length - point - 1;
        var balance = (Minor / (decimal)Math.Pow(10, scale)) + decimal.Parse(amount, CultureInfo.InvariantCulture);
        return (Account, balance.ToString($"F{scale}", CultureInfo.InvariantCulture), Currency);
    }
}

/// <summary>
/// What wallet-core scenarios read to prove what a command did or did not change (ledger balances no REST read shows,
/// holds, snapshots, receipts), and what no command of a scenario can do, written straight: treasury funding through
/// the ledger (balanced, as a bank funding is), a closed wallet, a disabled flag scope.
/// </summary>
public static class WalletCoreProbes
{
    private const string Book = "main";

    /// <summary>A wallet's balances as GET /v1/wallets/{id}/balances shows them: (available, held, reserved).</summary>
    public static async Task<(string Available, string Held, string Reserved)> WalletBalancesAsync(this WalletCoreHost host, string walletId)
    {
        var balances = await host.BalancesAsync(walletId);
        return (balances.GetProperty("available").GetString()!, balances.GetProperty("held").GetString()!, balances.GetProperty("reserved").GetString()!);
    }

    /// <summary>An account's balance in minor units, straight from the ledger (banks, positions and <c>corrections</c> have no REST read).</summary>
    public static async Task<long> LedgerBalanceAsync(this WalletCoreHost host, string account, string asset = "USD/2") =>
        (long)(await Ledger(host).GetAccountAsync(Book, account)).Value.Balance(asset);

    /// <summary>An account's balance as the ledger holds it, in the currency's decimal form.</summary>
    public static async Task<string> LedgerAmountAsync(this WalletCoreHost host, string account, string currency)
    {
        var asset = Currency.Find(currency).Value.Asset;
        return LedgerViews.Format(await host.LedgerBalanceAsync(account, asset), asset);
    }

    /// <summary>An account's balance now, to state what a receipt shows once a scenario has moved it (<see cref="AccountBalance.Plus"/>).</summary>
    public static async Task<AccountBalance> AccountBalanceAsync(this WalletCoreHost host, string account, string currency) =>
        new(account, currency, await host.LedgerBalanceAsync(account, Currency.Find(currency).Value.Asset));

    /// <summary>Funds one of WalletFlow's own accounts as a bank funding does: world to the account, and world to what it funds.</summary>
    public static async Task FundAsync(this WalletCoreHost host, string account, string funding, long minor, string asset)
    {
        var posted = await Ledger(host).PostAsync(Book, TransactionRequest.FromPostings(new Posting("world", account, minor, asset), new Posting("world", funding, minor, asset))
            with { Metadata = new Dictionary<string, string> { ["event_type"] = "bank_funding" } });
        Assert.True(posted.IsSuccess, posted.Error?.ToString());
    }

    /// <summary>How many ledger transactions a command name posted: a replay or a rejection must not add one.</summary>
    public static async Task<long> LedgerTransactionCountAsync(this WalletCoreHost host, string command)
    {
        await using var query = host.Database.CreateCommand("select count(*) from ledger.transactions where metadata ->> 'walletflow_command' = $1");
        query.Parameters.Add(new NpgsqlParameter { Value = command });
        return (long)(await query.ExecuteScalarAsync())!;
    }

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

    /// <summary>Asserts the ledger and the claims are exactly as <paramref name="before"/>.</summary>
    public static async Task AssertUnchangedAsync(this WalletCoreHost host, LedgerSnapshot before) => Assert.Equal(before, await host.SnapshotAsync());

    /// <summary>Asserts the receipt's <c>balances</c> are exactly these accounts with these balances (in any order), nothing more.</summary>
    public static void AssertBalances(this CommandResponse receipt, params (string Account, string Balance, string Currency)[] expected)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var actual = receipt.Body.GetProperty("balances").EnumerateArray()
            .Select(balance => (Text(balance, "account"), Text(balance, "balance"), Text(balance, "currency")))
            .OrderBy(balance => balance.Item1, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected.OrderBy(balance => balance.Account, StringComparer.Ordinal).ToList(), actual);
    }

    /// <summary>The holds GET /v1/holds lists for a wallet, optionally in one status.</summary>
    public static async Task<List<JsonElement>> HoldsAsync(this WalletCoreHost host, string walletId, string? status = null)
    {
        var listed = await host.GetAsync($"/v1/holds?walletId={walletId}{(status is null ? string.Empty : $"&status={status}")}");
        Assert.Equal(HttpStatusCode.OK, listed.Status);
        return [.. listed.Body.GetProperty("items").EnumerateArray()];
    }

    public static async Task<string> HoldStatusAsync(this WalletCoreHost host, string holdId)
    {
        var hold = await host.GetAsync($"/v1/holds/{holdId}");
        Assert.Equal(HttpStatusCode.OK, hold.Status);
        return hold.Body.GetProperty("status").GetString()!;
    }

    /// <summary>Closes a wallet no command has read yet: the wallet store keeps a wallet once read, and no command closes one.</summary>
    public static async Task CloseUnreadWalletAsync(this WalletCoreHost host, string walletId)
    {
        await using var update = host.Database.CreateCommand("update core.wallets set status = 'closed' where id = $1");
        update.Parameters.Add(new NpgsqlParameter { Value = walletId });
        Assert.Equal(1, await update.ExecuteNonQueryAsync());
    }

    /// <summary>Switches <c>core_wallet_enabled</c> off for one scope (<c>provider</c>, <c>stripe</c>), as an operator's kill switch would.</summary>
    public static async Task DisableAsync(this WalletCoreHost host, string scopeType, string scopeValue)
    {
        await using var insert = host.Database.CreateCommand("""
            insert into core.feature_flags (flag, scope_type, scope_value, enabled, reason, updated_at)
            values ('core_wallet_enabled', $1, $2, false, 'test kill switch', now())
            """);
        insert.Parameters.Add(new NpgsqlParameter { Value = scopeType });
        insert.Parameters.Add(new NpgsqlParameter { Value = scopeValue });
        await insert.ExecuteNonQueryAsync();

        // A change made outside the API reaches its copy of the flags by notification, a moment after the commit.
        var flags = host.Factory.Services.GetRequiredService<IFeatureFlagStore>();
        (FlagScopeType, string)[] scope = [(Enum.Parse<FlagScopeType>(scopeType, ignoreCase: true), scopeValue)];
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while ((await flags.ReadAsync(FeatureFlags.CoreWalletEnabled, scope, CancellationToken.None)).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The API did not see the flag {scopeType}:{scopeValue} switched off within 10 s.");
            await Task.Delay(10);
        }
    }

    public static string CommandId(this CommandResponse response) => response.Body.GetProperty("commandId").GetString()!;

    /// <summary>A ledger account address (<c>banks:citi:USD</c>): internals a problem's sentence must not show.</summary>
    public const string LedgerAddress = @"\b(?:wallets|banks|pools|fx|stablecoins|counterparties|equity|fees|world)(?::[\w-]+)+";

    /// <summary>The problem's human sentence, which says in a partner's terms what a ledger rejection is about.</summary>
    public static string Detail(this CommandResponse response) => response.Body.GetProperty("detail").GetString()!;

    private static ILedger Ledger(WalletCoreHost host) => host.Factory.Services.GetRequiredService<ILedger>();

    private static string Text(JsonElement element, string name) => element.GetProperty(name).GetString()!;
}
