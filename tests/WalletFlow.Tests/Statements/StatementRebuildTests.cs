using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Application.Outbox;
using WalletFlow.Application.Statements;
using WalletFlow.Ledger;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Statements;

/// <summary>
/// rebuildStatements: the statement model recomputed from the ledger, wallet by wallet, with its progress readable; one
/// at a time; safe while money moves and the relay publishes; resumed where it stopped when its process died. After
/// each scenario the statements equal the ledger.
/// </summary>
public sealed class StatementRebuildTests(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly AdjustableClock _clock = new();
    private WalletCoreHost _host = null!;

    public async ValueTask InitializeAsync() =>
        _host = await WalletCoreHost.StartAsync(postgres, nameof(StatementRebuildTests), services: services => services.AddSingleton<TimeProvider>(_clock));

    public async ValueTask DisposeAsync()
    {
        await _host.AssertInvariantsAsync();
        await _host.DisposeAsync();
    }

    private StatementRebuilder Rebuilder => _host.Factory.Services.GetRequiredService<StatementRebuilder>();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_rebuild_restores_a_damaged_statement_from_the_ledger_and_reports_its_progress()
    {
        var wallets = await FundedWalletsAsync(3);
        await _host.CatchUpAsync();
        var before = await StatementAsync(wallets[0]);
        await _host.ScalarAsync<int>($"with gone as (delete from core.statement_lines where wallet_id = '{wallets[0]}' returning 1) select count(*)::int from gone");
        await _host.ScalarAsync<int>($"with bent as (update core.statement_lines set available_after = available_after + 1 where wallet_id = '{wallets[1]}' returning 1) select count(*)::int from bent");

        var requested = await _host.PostAsync("/v1/statement-rebuilds", new { reason = "statement disagreed with the ledger" });
        var rebuild = requested.Data.GetProperty("rebuildId").GetString()!;
        var running = await _host.GetAsync($"/v1/statement-rebuilds/{rebuild}");
        Assert.True(await Rebuilder.RunAsync(Cancel));
        var done = await _host.GetAsync($"/v1/statement-rebuilds/{rebuild}");

        Assert.Equal(HttpStatusCode.OK, requested.Status);
        Assert.Equal(requested.CommandId(), rebuild);
        Assert.Equal(("running", 3, 0), (running.Body.GetProperty("status").GetString(), running.Body.GetProperty("walletsTotal").GetInt32(), running.Body.GetProperty("walletsDone").GetInt32()));
        Assert.Equal(("done", 3, 3L), (done.Body.GetProperty("status").GetString(), done.Body.GetProperty("walletsDone").GetInt32(), done.Body.GetProperty("lines").GetInt64()));
        Assert.Equal(before, await StatementAsync(wallets[0]));
        Assert.Equal(rebuild, Assert.Single((await _host.GetAsync("/v1/statement-rebuilds")).Body.GetProperty("items").EnumerateArray()).GetProperty("rebuildId").GetString());
        Assert.False(await Rebuilder.RunAsync(Cancel));
    }

    [Fact]
    public async Task A_second_rebuild_while_one_runs_is_a_conflict_and_changes_nothing()
    {
        Assert.Equal(HttpStatusCode.OK, (await _host.PostAsync("/v1/statement-rebuilds", new { reason = "test" })).Status);

        var second = await _host.PostAsync("/v1/statement-rebuilds", new { reason = "test" });

        second.AssertRejected(HttpStatusCode.Conflict, "CONFLICT");
        Assert.Equal(1L, await _host.ScalarAsync<long>("select count(*) from core.statement_rebuilds"));
        Assert.True(await Rebuilder.RunAsync(Cancel));
        Assert.Equal(HttpStatusCode.OK, (await _host.PostAsync("/v1/statement-rebuilds", new { reason = "test" })).Status);
        Assert.True(await Rebuilder.RunAsync(Cancel));
    }

    [Fact]
    public async Task A_rebuild_while_money_moves_and_the_relay_publishes_loses_and_doubles_nothing()
    {
        var wallets = await FundedWalletsAsync(4);
        await _host.PostAsync("/v1/statement-rebuilds", new { reason = "test" });
        var relay = _host.Factory.Services.GetRequiredService<OutboxRelay>();
        using var stop = new CancellationTokenSource();

        var traffic = Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                var transfer = await _host.PostAsync("/v1/transfers", new { sourceWalletId = wallets[i % 4], destinationWalletId = wallets[(i + 1) % 4], amount = "0.25", currency = "USD" });
                Assert.Equal(HttpStatusCode.Created, transfer.Status);
            }
        });
        var relaying = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await relay.RelayNextAsync(Cancel);
            }
        });
        var rebuilding = Task.Run(async () =>
        {
            while (!traffic.IsCompleted)
            {
                await _host.PostAsync("/v1/statement-rebuilds", new { reason = "test" });
                await Rebuilder.RunAsync(Cancel);
            }
        });
        await Task.WhenAll(traffic, rebuilding);
        await stop.CancelAsync();
        await relaying;

        await _host.CatchUpAsync();
        Assert.True(await _host.ScalarAsync<long>("select count(*) from core.statement_rebuilds where status = 'done'") >= 1);
        Assert.Equal(4 + 40 * 2, await _host.ScalarAsync<long>("select count(*) from core.statement_lines"));
    }

    [Fact]
    public async Task A_rebuild_whose_process_died_is_resumed_after_its_lease_from_the_wallet_after_the_last_done_and_the_dead_process_is_fenced_out()
    {
        await FundedWalletsAsync(3);
        await _host.CatchUpAsync();
        await _host.PostAsync("/v1/statement-rebuilds", new { reason = "test" });
        var store = _host.Factory.Services.GetRequiredService<IStatementRebuilds>();
        var leased = Assert.IsType<LeasedRebuild>(await store.LeaseAsync(_clock.GetUtcNow(), _clock.GetUtcNow() + StatementRebuilder.Lease, Cancel));
        var first = (await store.WalletsAfterAsync(null, 1, Cancel)).Single();
        var ledger = _host.Factory.Services.GetRequiredService<ILedger>();
        var movements = (await ledger.ListTransactionsAsync("main", new TransactionQuery { Account = $"wallets:{first}:" }, Cancel)).Value.Items
            .SelectMany(WalletMovement.Of).Where(movement => movement.Wallet == first).ToList();
        Assert.True(await store.ReplaceWalletAsync(leased, first, _ => Task.FromResult<IReadOnlyList<WalletMovement>>(movements), _clock.GetUtcNow() + StatementRebuilder.Lease, Cancel));
        // Marks the first wallet's line, so that a rebuild going over it again would show.
        await _host.ScalarAsync<int>($"with marked as (update core.statement_lines set command = 'done-before-the-crash' where wallet_id = '{first}' returning 1) select count(*)::int from marked");

        var whileLeased = await Rebuilder.RunAsync(Cancel);
        _clock.Advance(StatementRebuilder.Lease + TimeSpan.FromSeconds(1));
        var takenOver = await store.LeaseAsync(_clock.GetUtcNow(), _clock.GetUtcNow() + StatementRebuilder.Lease, Cancel);
        var second = (await store.WalletsAfterAsync(first, 1, Cancel)).Single();
        var staleWrite = await store.ReplaceWalletAsync(leased, second, _ => Task.FromResult<IReadOnlyList<WalletMovement>>([]), _clock.GetUtcNow() + StatementRebuilder.Lease, Cancel);
        _clock.Advance(StatementRebuilder.Lease + TimeSpan.FromSeconds(1));
        var resumed = await Rebuilder.RunAsync(Cancel);

        Assert.False(whileLeased);
        Assert.Equal((leased.RebuildId, first), (takenOver!.RebuildId, takenOver.LastWallet));
        Assert.False(staleWrite);
        Assert.True(resumed);
        var rebuild = await _host.GetAsync($"/v1/statement-rebuilds/{leased.RebuildId}");
        Assert.Equal(("done", 3, 3L), (rebuild.Body.GetProperty("status").GetString(), rebuild.Body.GetProperty("walletsDone").GetInt32(), rebuild.Body.GetProperty("lines").GetInt64()));
        Assert.Equal(1L, await _host.ScalarAsync<long>("select count(*) from core.statement_lines where command = 'done-before-the-crash'"));
    }

    /// <summary>Wallets each paid 10.00 into.</summary>
    private async Task<List<string>> FundedWalletsAsync(int count)
    {
        var wallets = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var wallet = await _host.CreateWalletAsync();
            await _host.PayInAsync(wallet, "10.00");
            wallets.Add(wallet);
        }

        return wallets;
    }

    private async Task<string> StatementAsync(string wallet) => (await _host.GetAsync($"/v1/wallets/{wallet}/statement")).Body.GetProperty("items").ToString();
}
