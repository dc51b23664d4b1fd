using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WalletFlow.Application.Outbox;

namespace WalletFlow.Tests.Infrastructure;

/// <summary>
/// DESIGN.md's invariants of the wallet core, on top of the ledger's (<see cref="InvariantChecks"/>), asserted after a
/// scenario once the outbox is drained: the statement read model is checked caught up.
/// </summary>
public static class WalletCoreInvariants
{
    private static readonly TimeSpan RelaysDeadline = TimeSpan.FromSeconds(60);

    /// <summary>For an API in this process (whose relay worker the tests turn off): its relay drains the outbox first.</summary>
    public static async Task AssertHoldAsync(IServiceProvider api, string ledger = "main")
    {
        await api.GetRequiredService<OutboxRelay>().DrainAsync(TestContext.Current.CancellationToken);
        Assert.Empty(await InvariantChecks.WalletCoreViolationsAsync(api.GetRequiredService<NpgsqlDataSource>(), ledger));
    }

    /// <summary>For APIs in processes of their own: their relays drain the outbox, and this waits for it (a minute at most).</summary>
    public static async Task AssertHoldAfterRelaysAsync(NpgsqlDataSource database, string ledger = "main")
    {
        await Bounded.PollAsync(() => PendingAsync(database), pending => pending == 0, RelaysDeadline, "the relays draining the outbox", pending => $"{pending} events pending");

        Assert.Empty(await InvariantChecks.WalletCoreViolationsAsync(database, ledger));
    }

    private static async Task<long> PendingAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand("select count(*) from core.outbox where published_at is null");
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
