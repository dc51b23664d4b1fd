using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Application.Outbox;
using WalletFlow.Application.Statements;
using WalletFlow.Ledger;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Outbox;

/// <summary>
/// The outbox relay: every event is published once and reaches the statement model once, whichever relay publishes
/// it, in whatever order, and however often; a relay that dies before its commit publishes nothing. After each
/// scenario the outbox is drained and the statements equal the ledger (invariants 5 and 6).
/// </summary>
public sealed class OutboxRelayTests(PostgresFixture postgres) : IAsyncLifetime
{
    private WalletCoreHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await WalletCoreHost.StartAsync(postgres, nameof(OutboxRelayTests));

    public async ValueTask DisposeAsync()
    {
        await _host.AssertInvariantsAsync();
        await _host.DisposeAsync();
    }

    private OutboxRelay Relay(WalletCoreHost? api = null) => (api ?? _host).Factory.Services.GetRequiredService<OutboxRelay>();

    private IOutboxRelayStore Store => _host.Factory.Services.GetRequiredService<IOutboxRelayStore>();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_event_is_published_once_and_the_statement_carries_each_movement_with_its_running_balances()
    {
        var alice = await _host.CreateWalletAsync();
        var bob = await _host.CreateWalletAsync();
        await _host.PayInAsync(alice, "20.00");
        await _host.PostAsync("/v1/transfers", new { sourceWalletId = alice, destinationWalletId = bob, amount = "7.50", currency = "USD" });
        var reserved = await _host.PostAsync("/v1/payouts", new { walletId = alice, amount = "2.00", currency = "USD", provider = "wise", bankId = "citi", beneficiary = "Jane Doe" });
        Assert.Equal(HttpStatusCode.Created, reserved.Status);

        var published = await Relay().RelayNextAsync(Cancel);

        Assert.Equal(5, published);
        Assert.Equal(0L, await _host.ScalarAsync<long>("select count(*) from core.outbox where published_at is null"));
        Assert.Equal(0, await Relay().RelayNextAsync(Cancel));
        Assert.Equal(
            [("reservePayout", "-2.00", "2.00", "0.00", "10.50"), ("transfer", "-7.50", "0.00", "0.00", "12.50"), ("postPayin", "20.00", "0.00", "0.00", "20.00")],
            await LinesAsync(alice));
        Assert.Equal([("transfer", "7.50", "0.00", "0.00", "7.50")], await LinesAsync(bob));
    }

    [Fact]
    public async Task Events_claimed_by_one_relay_are_skipped_by_another_and_a_relay_that_dies_before_its_commit_publishes_nothing()
    {
        var wallet = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, "3.00");

        await using (var dying = await Store.ClaimAsync(OutboxRelay.BatchSize, Cancel))
        {
            Assert.Equal(2, dying.Events.Count);
            Assert.Equal(0, await Relay().RelayNextAsync(Cancel));
        }

        Assert.Equal(2L, await _host.ScalarAsync<long>("select count(*) from core.outbox where published_at is null"));
        Assert.Empty(await LinesAsync(wallet));
        Assert.Equal(2, await Relay().RelayNextAsync(Cancel));
        Assert.Equal([("postPayin", "3.00", "0.00", "0.00", "3.00")], await LinesAsync(wallet));
    }

    [Fact]
    public async Task Relays_of_two_apis_draining_side_by_side_publish_every_event_once()
    {
        await using var beside = await _host.StartBesideAsync();
        var wallets = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            wallets.Add(await _host.CreateWalletAsync());
        }

        await Task.WhenAll(wallets.Select(async wallet =>
        {
            for (var payin = 1; payin <= 10; payin++)
            {
                await _host.PayInAsync(wallet, $"{payin}.00");
            }
        }));

        var published = await Task.WhenAll(Enumerable.Range(0, 4).Select(index => Task.Run(async () =>
        {
            var relay = Relay(index % 2 == 0 ? _host : beside);
            var total = 0;
            for (int count; (count = await relay.RelayNextAsync(Cancel)) > 0 || await PendingAsync() > 0;)
            {
                total += count;
            }

            return total;
        })));

        Assert.Equal(6 + (6 * 10), published.Sum());
        Assert.Equal(60L, await _host.ScalarAsync<long>("select count(*) from core.statement_lines"));
        foreach (var wallet in wallets)
        {
            Assert.Equal("55.00", (await LinesAsync(wallet))[0].After);
        }
    }

    [Fact]
    public async Task A_movement_projected_after_a_later_one_takes_its_place_in_ledger_order_and_moves_the_later_balances()
    {
        var wallet = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, "10.00");
        await _host.PayInAsync(wallet, "5.00");
        var (earlier, later) = await MovementsAsync(wallet);

        await ProjectAsync(later);
        var afterLater = await LinesAsync(wallet);
        await ProjectAsync(earlier);
        await ProjectAsync(earlier, later);

        Assert.Equal([("postPayin", "5.00", "0.00", "0.00", "5.00")], afterLater);
        Assert.Equal([("postPayin", "5.00", "0.00", "0.00", "15.00"), ("postPayin", "10.00", "0.00", "0.00", "10.00")], await LinesAsync(wallet));
    }

    [Fact]
    public async Task A_reversal_marks_its_original_reverted_whichever_of_the_two_is_published_first()
    {
        var wallet = await _host.CreateWalletAsync();
        var other = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, "10.00");
        var transfer = await _host.PostAsync("/v1/transfers", new { sourceWalletId = wallet, destinationWalletId = other, amount = "4.00", currency = "USD" });
        var reversal = await _host.PostAsync("/v1/reversals", new { transactionId = transfer.CommandId(), reason = "sent to the wrong wallet" });
        Assert.Equal(HttpStatusCode.Created, reversal.Status);
        var ledger = _host.Factory.Services.GetRequiredService<ILedger>();
        var reversing = WalletMovement.Of((await ledger.GetTransactionAsync("main", reversal.Body.GetProperty("ledgerTransactionId").GetInt64(), Cancel)).Value);
        var original = WalletMovement.Of((await ledger.GetTransactionAsync("main", reversal.Data.GetProperty("reversedLedgerTransactionId").GetInt64(), Cancel)).Value)
            .Select(movement => movement with { Reverted = false }).ToList();

        await ProjectAsync([.. reversing]);
        await ProjectAsync([.. original]);

        foreach (var id in new[] { wallet, other })
        {
            var lines = await _host.GetAsync($"/v1/wallets/{id}/statement");
            var reverted = lines.Body.GetProperty("items").EnumerateArray().Single(line => line.GetProperty("command").GetString() == "transfer");
            Assert.True(reverted.GetProperty("reverted").GetBoolean());
        }
    }

    /// <summary>Writes movements through a claim that holds no event, as a relay holding their events would.</summary>
    private async Task ProjectAsync(params WalletMovement[] movements)
    {
        await using var claim = await Store.ClaimAsync(0, Cancel);
        await claim.CommitAsync(movements, DateTimeOffset.UtcNow, Cancel);
    }

    private async Task<(WalletMovement Earlier, WalletMovement Later)> MovementsAsync(string wallet)
    {
        var ledger = _host.Factory.Services.GetRequiredService<ILedger>();
        var page = (await ledger.ListTransactionsAsync("main", new TransactionQuery { Account = $"wallets:{wallet}:" }, Cancel)).Value;
        var movements = page.Items.OrderBy(transaction => transaction.Id).Select(transaction => WalletMovement.Of(transaction).Single()).ToList();
        return (movements[0], movements[1]);
    }

    private async Task<long> PendingAsync() => await _host.ScalarAsync<long>("select count(*) from core.outbox where published_at is null");

    /// <summary>The wallet's statement, newest first: command, available change, held change, reserved change, available after.</summary>
    private async Task<List<(string? Command, string Available, string Held, string Reserved, string After)>> LinesAsync(string wallet)
    {
        var statement = await _host.GetAsync($"/v1/wallets/{wallet}/statement");
        Assert.Equal(HttpStatusCode.OK, statement.Status);
        return [.. statement.Body.GetProperty("items").EnumerateArray().Select(line => (
            line.GetProperty("command").GetString(), Text(line, "availableChange"), Text(line, "heldChange"), Text(line, "reservedChange"), Text(line, "availableAfter")))];

        static string Text(JsonElement line, string name) => line.GetProperty(name).GetString()!;
    }
}
