using System.Collections.Concurrent;
using System.Net;
using Aspire.Hosting.ApplicationModel;
using Npgsql;
using WalletFlow.Postgres.Embedded;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.WalletCore;

/// <summary>
/// One of the AppHost's two API replicas SIGKILLed while clients pour commands into both: the other
/// replica keeps serving, Postgres and Redis keep running, the dashboard shows the crash, and the replica comes back
/// with the dashboard's start command and rejoins the cluster once the dead silo is voted out. What a client was told
/// must still hold, and what it was not told (a cut connection, or UNAVAILABLE while the grains of the dead silo could
/// not move yet) must be recoverable by resending the same key. The wallets' merchant has a webhook endpoint on a
/// receiver process: every committed command reaches it exactly once by <c>webhook-id</c>, whichever replica's relay
/// and dispatcher handled it and whatever the killed one held leased when it died.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class KillUnderLoadTests(AppHostFixture apphost) : IAsyncLifetime
{
    private const int Clients = 8;
    private const int WalletCount = 6;
    private const int AcknowledgedBeforeKill = 200;
    private const int AcknowledgedAfterKill = 100;

    // Ample, so that no transfer is ever refused for funds: every key, resent, must end as exactly one completed command.
    private const long FundingCents = 1_000_000_00;

    private readonly string _keyPrefix = $"load-{Guid.NewGuid():N}";
    private readonly string _merchant = $"load-{Guid.NewGuid():N}"[..20];
    private NpgsqlDataSource _database = null!;
    private ApiClient _api = null!;

    public ValueTask InitializeAsync()
    {
        _database = NpgsqlDataSource.Create(apphost.DatabaseConnectionString);
        _api = apphost.Api();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await WalletCoreInvariants.AssertHoldAfterRelaysAsync(_database);
        }
        finally
        {
            _api?.Dispose();
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_replica_killed_under_load_leaves_the_other_serving_restarts_from_the_dashboard_and_every_resent_key_lands_exactly_once()
    {
        await using var receiver = await WebhookReceiverProcess.StartAsync();
        var endpoint = await _api.PostAsync("/v1/webhook-endpoints", new { merchantId = _merchant, url = receiver.UrlOf("load").ToString() });
        Assert.True(endpoint.Status == HttpStatusCode.Created, endpoint.Body.ToString());
        await receiver.ConfigureAsync("load", [endpoint.Data.GetProperty("secret").GetString()!]);
        var wallets = new List<string>();
        for (var i = 0; i < WalletCount; i++)
        {
            wallets.Add(await _api.CreateWalletAsync(merchant: _merchant));
            await _api.PayInAsync(wallets[^1], Cents.Format(FundingCents));
        }

        var replicas = apphost.Replicas();
        var victim = replicas[0];
        var victimProcess = victim.ApiProcessId();
        var sent = new ConcurrentQueue<Command>();
        var acknowledged = new ConcurrentDictionary<string, string>();
        var acknowledgedAfterKill = 0;
        var cut = 0;
        var unavailable = 0;
        var killed = false;
        var unexpected = new ConcurrentBag<string>();
        var enoughBeforeKill = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var enoughAfterKill = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var clients = Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            // Half the clients start at each replica's own address, so requests are surely in flight on the victim when
            // it dies (the proxy spreads connections as it likes, and may send them all to one replica); a client that
            // loses its replica carries on through the proxy, as a client behind a load balancer would.
            var api = new ApiClient(replicas[client % replicas.Count].Address, AppHostFixture.Token);
            try
            {
                var random = new Random(client);
                while (!stop.IsCancellationRequested)
                {
                    var command = NextCommand(random, wallets);
                    sent.Enqueue(command);
                    CommandResponse answer;
                    try
                    {
                        answer = await api.PostAsync(command.Route, command.Body, command.Key);
                    }
                    catch (Exception lost) when (lost is HttpRequestException or TaskCanceledException)
                    {
                        // Its connection led to the killed replica: this key's fate is unknown to the client, as in a real crash.
                        Interlocked.Increment(ref cut);
                        api.Dispose();
                        api = apphost.Api();
                        continue;
                    }

                    if (answer.Status == HttpStatusCode.ServiceUnavailable && answer.Code == "UNAVAILABLE" && Volatile.Read(ref killed))
                    {
                        // Its wallet's grain was on the killed silo, which the cluster had not voted out yet: UNAVAILABLE tells
                        // the client to resend the same key, as the pass below does.
                        Interlocked.Increment(ref unavailable);
                        continue;
                    }

                    if (answer.Status != HttpStatusCode.Created)
                    {
                        unexpected.Add($"{command.Key}: {(int)answer.Status} {answer.Body}");
                        continue;
                    }

                    acknowledged[command.Key] = answer.Body.GetProperty("commandId").GetString()!;
                    if (acknowledged.Count >= AcknowledgedBeforeKill)
                    {
                        enoughBeforeKill.TrySetResult();
                    }

                    if (Volatile.Read(ref killed) && Interlocked.Increment(ref acknowledgedAfterKill) >= AcknowledgedAfterKill)
                    {
                        enoughAfterKill.TrySetResult();
                    }
                }
            }
            finally
            {
                api.Dispose();
            }
        })).ToList();

        await enoughBeforeKill.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        UnixProcess.Signal(victimProcess, UnixProcess.SigKill);
        Volatile.Write(ref killed, true);
        var crashed = await apphost.WaitForStateAsync(victim.ResourceId, KnownResourceStates.Exited, KnownResourceStates.Finished);
        await enoughAfterKill.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Assert.Empty(unexpected);
        Assert.NotEqual(0, crashed.Snapshot.ExitCode);
        Assert.True(cut > 0, $"the kill should have cut some requests in flight ({acknowledged.Count} acknowledged, {unavailable} answered UNAVAILABLE)");
        Assert.True(apphost.App.ResourceNotifications.TryGetCurrentState(apphost.ResourceId("postgres"), out var postgres) && postgres.Snapshot.State?.Text == KnownResourceStates.Running, "Postgres stopped with the API");
        Assert.True(apphost.App.ResourceNotifications.TryGetCurrentState(apphost.ResourceId("redis"), out var redis) && redis.Snapshot.State?.Text == KnownResourceStates.Running, "Redis stopped with the API");

        await apphost.ExecuteCommandAsync(victim.ResourceId, KnownResourceCommands.StartCommand);
        await apphost.WaitForOneClusterAsync();

        var commands = sent.ToList();
        var resent = new ConcurrentDictionary<string, CommandResponse>();
        // Through the proxy again, which now spreads the connections over both replicas, the restarted one included.
        using var resender = apphost.Api();
        await Parallel.ForEachAsync(commands, new ParallelOptions { MaxDegreeOfParallelism = Clients }, async (command, _) =>
            resent[command.Key] = await resender.PostAsync(command.Route, command.Body, command.Key));

        foreach (var command in commands)
        {
            var answer = resent[command.Key];
            Assert.True(answer.Status == HttpStatusCode.Created, $"resent {command.Key}: {(int)answer.Status} {answer.Body}");
            if (acknowledged.TryGetValue(command.Key, out var commandId))
            {
                Assert.True(answer.Replayed, $"acknowledged {command.Key} was executed again");
                Assert.Equal(commandId, answer.Body.GetProperty("commandId").GetString());
            }
        }

        var landedUnseen = commands.Count(command => !acknowledged.ContainsKey(command.Key) && resent[command.Key].Replayed);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{commands.Count} commands sent, {acknowledged.Count} acknowledged, {cut} cut by the kill, {unavailable} answered UNAVAILABLE; of the {commands.Count - acknowledged.Count} unacknowledged, {landedUnseen} had committed unseen");
        var commandIds = resent.Values.Select(answer => answer.Body.GetProperty("commandId").GetString()!).ToArray();
        Assert.Equal(commands.Count, commandIds.Distinct().Count());
        Assert.Equal(0, await ScalarAsync("select count(*) from core.commands where status <> 'completed' and idempotency_key like $1 || '%'", _keyPrefix));
        Assert.Equal(commands.Count, await ScalarAsync("select count(*) from core.commands where idempotency_key like $1 || '%'", _keyPrefix));
        Assert.Equal(commands.Count, await ScalarAsync(
            "select count(*) from ledger.transactions where ledger = 'main' and metadata ->> 'walletflow_command_id' = any($1)", commandIds));

        var expected = wallets.ToDictionary(wallet => wallet, _ => FundingCents);
        foreach (var command in commands)
        {
            if (command.Debited is { } debited)
            {
                expected[debited] -= command.Cents;
            }

            expected[command.Credited] += command.Cents;
        }

        foreach (var wallet in wallets)
        {
            Assert.Equal(Cents.Format(expected[wallet]), await _api.AvailableAsync(wallet));
        }

        // A wallet's creation, its pay-in, and every command sent: each concerns the merchant, so each is one event for
        // the endpoint. A delivery the killed replica held leased is sent again once its lease runs out (30 s).
        var events = 2 * WalletCount + commands.Count;
        var hooks = await receiver.WaitForDeliveredAsync("load", events, TimeSpan.FromSeconds(120));
        Assert.Equal(events, hooks.Delivered.Count);
        Assert.All(hooks.Attempts, attempt => Assert.True(attempt.Verified, attempt.Body));
        var endpointId = endpoint.Data.GetProperty("endpointId").GetString()!;
        Assert.Equal(events, await ScalarAsync("select count(*) from core.webhook_deliveries where endpoint_id = $1 and status = 'delivered'", endpointId));
        TestContext.Current.TestOutputHelper?.WriteLine($"{events} events delivered to the partner once each by webhook-id; {hooks.Duplicates} sent again after the kill");
    }


    private Command NextCommand(Random random, List<string> wallets)
    {
        var key = $"{_keyPrefix}-{Guid.NewGuid():N}";
        var cents = random.Next(1, 50_00);
        var credited = wallets[random.Next(wallets.Count)];
        if (random.Next(3) == 0)
        {
            return new Command(key, "/v1/payins", new { walletId = credited, bankId = "citi", amount = Cents.Format(cents), currency = "USD" }, null, credited, cents);
        }

        var debited = wallets.Where(wallet => wallet != credited).ElementAt(random.Next(wallets.Count - 1));
        return new Command(key, "/v1/transfers", new { sourceWalletId = debited, destinationWalletId = credited, amount = Cents.Format(cents), currency = "USD" }, debited, credited, cents);
    }

    private async Task<long> ScalarAsync(string sql, object value)
    {
        await using var command = _database.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = value });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>One command a client sent: its key and body, and what it moves between wallets once completed.</summary>
    private sealed record Command(string Key, string Route, object Body, string? Debited, string Credited, long Cents);
}
