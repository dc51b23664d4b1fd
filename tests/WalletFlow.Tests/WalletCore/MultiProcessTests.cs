using System.Collections.Concurrent;
using System.Net;
using Npgsql;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.WalletCore;

/// <summary>
/// The AppHost's two API replicas on one database and in one Orleans cluster, as a scaled-out deployment runs, each
/// called at its own address: a command arriving at one replica for a wallet whose grain lives on the other crosses
/// silos. Whatever the activations do, the ledger's row locks and unique idempotency index keep the outcome exact.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class MultiProcessTests(AppHostFixture apphost) : IAsyncLifetime
{
    private const long FundingCents = 100_00;

    private NpgsqlDataSource _database = null!;
    private ApiClient _first = null!;
    private ApiClient _second = null!;

    public async ValueTask InitializeAsync()
    {
        _database = NpgsqlDataSource.Create(apphost.DatabaseConnectionString);
        // Another test may just have restarted a replica: both must answer, in one cluster, before the load starts.
        var replicas = await apphost.WaitForOneClusterAsync();

        Assert.Equal(2, replicas.Select(replica => replica.Address).Distinct().Count());

        _first = new ApiClient(replicas[0].Address, AppHostFixture.Token);
        _second = new ApiClient(replicas[1].Address, AppHostFixture.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await WalletCoreInvariants.AssertHoldAfterRelaysAsync(_database);
        }
        finally
        {
            _first?.Dispose();
            _second?.Dispose();
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Concurrent_transfers_through_two_processes_conserve_money_never_overdraw_and_reflect_every_201_exactly()
    {
        var wallets = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            wallets.Add(await _first.CreateWalletAsync());
            await _first.PayInAsync(wallets[^1], Cents.Format(FundingCents));
        }

        // Amounts large against the funding, so that many transfers find their source short and the locks decide.
        var accepted = new ConcurrentBag<(string Source, string Destination, long Cents, string CommandId)>();
        var refused = 0;
        var unexpected = new ConcurrentBag<string>();
        var clients = Enumerable.Range(0, 8).Select(client => Task.Run(async () =>
        {
            var api = client % 2 == 0 ? _first : _second;
            var random = new Random(client);
            for (var i = 0; i < 40; i++)
            {
                var source = wallets[random.Next(wallets.Count)];
                var destination = wallets.Where(wallet => wallet != source).ElementAt(random.Next(wallets.Count - 1));
                var cents = random.Next(1, 40_00);
                var answer = await api.PostAsync("/v1/transfers", new { sourceWalletId = source, destinationWalletId = destination, amount = Cents.Format(cents), currency = "USD" });
                if (answer.Status == HttpStatusCode.Created)
                {
                    accepted.Add((source, destination, cents, answer.Body.GetProperty("commandId").GetString()!));
                }
                else if (answer.Status == HttpStatusCode.UnprocessableEntity && answer.Code == "INSUFFICIENT_FUNDS")
                {
                    Interlocked.Increment(ref refused);
                }
                else
                {
                    unexpected.Add($"{(int)answer.Status} {answer.Body}");
                }
            }
        })).ToList();
        await Task.WhenAll(clients);

        Assert.Empty(unexpected);
        Assert.True(accepted.Count > 0 && refused > 0, $"the run should both accept and refuse transfers: {accepted.Count} accepted, {refused} refused");
        Assert.Equal(accepted.Count, accepted.Select(transfer => transfer.CommandId).Distinct().Count());
        var expected = wallets.ToDictionary(wallet => wallet, _ => FundingCents);
        foreach (var transfer in accepted)
        {
            expected[transfer.Source] -= transfer.Cents;
            expected[transfer.Destination] += transfer.Cents;
        }

        foreach (var wallet in wallets)
        {
            Assert.True(expected[wallet] >= 0, $"the acknowledged transfers overdraw {wallet}: {expected[wallet]}");
            Assert.Equal(Cents.Format(expected[wallet]), await _first.AvailableAsync(wallet));
            Assert.Equal(Cents.Format(expected[wallet]), await _second.AvailableAsync(wallet));
        }

        Assert.Equal(FundingCents * wallets.Count, expected.Values.Sum());
        // The database is the AppHost's, shared with other tests: count this test's wallets' transfers only.
        Assert.Equal(accepted.Count, await ScalarAsync(
            "select count(*) from core.commands where command = 'transfer' and status = 'completed' and receipt -> 'data' ->> 'sourceWalletId' = any($1)",
            [.. wallets]));
        Assert.Equal(accepted.Count, await ScalarAsync(
            "select count(*) from ledger.transactions where ledger = 'main' and metadata ->> 'walletflow_command_id' = any($1)",
            accepted.Select(transfer => transfer.CommandId).ToArray()));
    }

    [Fact]
    public async Task One_idempotency_key_sent_to_both_processes_at_once_posts_once_and_both_answer_the_same_command()
    {
        var alice = await _first.CreateWalletAsync();
        var bob = await _second.CreateWalletAsync();
        await _first.PayInAsync(alice, Cents.Format(FundingCents));
        const int Keys = 30;
        const int CopiesPerProcess = 2;

        var commandIds = new List<string>();
        foreach (var batch in Enumerable.Range(0, Keys).Chunk(5))
        {
            var sends = batch.Select(async _ =>
            {
                var key = _first.NewKey();
                var body = new { sourceWalletId = alice, destinationWalletId = bob, amount = "1.25", currency = "USD" };
                var answers = await Task.WhenAll(Enumerable.Range(0, CopiesPerProcess * 2)
                    .Select(copy => (copy % 2 == 0 ? _first : _second).PostAsync("/v1/transfers", body, key)));
                Assert.All(answers, answer => Assert.True(answer.Status == HttpStatusCode.Created, $"key {key}: {(int)answer.Status} {answer.Body}"));
                var ids = answers.Select(answer => answer.Body.GetProperty("commandId").GetString()!).Distinct().ToList();
                Assert.True(ids.Count == 1, $"key {key} answered several commands: {string.Join(", ", ids)}");
                Assert.Single(answers, answer => !answer.Replayed);
                return ids[0];
            });
            commandIds.AddRange(await Task.WhenAll(sends));
        }

        Assert.Equal(Keys, commandIds.Distinct().Count());
        Assert.Equal(Cents.Format(FundingCents - (Keys * 125)), await _second.AvailableAsync(alice));
        Assert.Equal(Cents.Format(Keys * 125), await _first.AvailableAsync(bob));
        Assert.Equal(Keys, await ScalarAsync("select count(*) from core.commands where command = 'transfer' and receipt -> 'data' ->> 'sourceWalletId' = any($1)", [alice]));
        Assert.Equal(Keys, await ScalarAsync(
            "select count(*) from ledger.transactions where ledger = 'main' and metadata ->> 'walletflow_command_id' = any($1)", commandIds.ToArray()));
    }

    private async Task<long> ScalarAsync(string sql, string[]? values = null)
    {
        await using var command = _database.CreateCommand(sql);
        if (values is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = values });
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }
}
