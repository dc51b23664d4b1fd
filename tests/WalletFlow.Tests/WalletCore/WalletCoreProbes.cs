using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WalletFlow.Api.WalletCore;
using WalletFlow.Ledger;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.WalletCore;

/// <summary>
/// What the payout, reserve, correction and reversal tests read to prove what a command did or did not change, and
/// the states no command reaches yet (a closed wallet, a disabled flag scope), written straight to the database.
/// </summary>
internal static class WalletCoreProbes
{
    /// <summary>A wallet's balances as GET /v1/wallets/{id}/balances shows them: (available, held, reserved).</summary>
    public static async Task<(string Available, string Held, string Reserved)> WalletBalancesAsync(this WalletCoreHost host, string walletId)
    {
        var balances = await host.BalancesAsync(walletId);
        return (balances.GetProperty("available").GetString()!, balances.GetProperty("held").GetString()!, balances.GetProperty("reserved").GetString()!);
    }

    /// <summary>An account's balance in minor units, straight from the ledger (banks and <c>corrections</c> have no REST read).</summary>
    public static async Task<long> LedgerBalanceAsync(this WalletCoreHost host, string account, string asset = "USD/2")
    {
        var ledger = host.Factory.Services.GetRequiredService<ILedger>();
        var options = host.Factory.Services.GetRequiredService<WalletCoreOptions>();
        var view = await ledger.GetAccountAsync(options.LedgerName, account);
        return (long)view.Value.Balance(asset);
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

    /// <summary>How many ledger transactions a command name posted: a replay or a rejection must not add one.</summary>
    public static async Task<long> LedgerTransactionCountAsync(this WalletCoreHost host, string command)
    {
        await using var query = host.Database.CreateCommand("select count(*) from ledger.transactions where metadata ->> 'walletflow_command' = $1");
        query.Parameters.Add(new NpgsqlParameter { Value = command });
        return (long)(await query.ExecuteScalarAsync())!;
    }

    public static async Task<long> LedgerTransactionCountAsync(this WalletCoreHost host)
    {
        await using var query = host.Database.CreateCommand("select count(*) from ledger.transactions");
        return (long)(await query.ExecuteScalarAsync())!;
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
    }

    public static string CommandId(this CommandResponse response) => response.Body.GetProperty("commandId").GetString()!;
}
