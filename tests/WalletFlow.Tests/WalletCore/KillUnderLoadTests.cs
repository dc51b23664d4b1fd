using System.Collections.Concurrent;
using System.Net;
using Npgsql;
using WalletFlow.Postgres.Embedded;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.WalletCore;

/// <summary>
/// An API process SIGKILLed while clients pour commands into it, then started again on the same database. What a
/// client was told must still hold, and what it was not told must be recoverable by resending the same key.
/// </summary>
public sealed class KillUnderLoadTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const int Clients = 8;
    private const int WalletCount = 6;
    private const int AcknowledgedBeforeKill = 200;

    // Ample, so that no transfer is ever refused for funds: every key, resent, must end as exactly one completed command.
    private const long FundingCents = 1_000_000_00;

    private NpgsqlDataSource _database = null!;
    private ApiProcess _api = null!;

    public async ValueTask InitializeAsync()
    {
        var connectionString = await postgres.CreateDatabaseAsync(nameof(KillUnderLoadTests));
        _database = NpgsqlDataSource.Create(connectionString);
        _api = await ApiProcess.StartAsync(connectionString);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await WalletCoreInvariants.AssertHoldAsync(_database);
        }
        finally
        {
            var pid = _api?.ProcessId ?? 0;
            if (_api is not null)
            {
                await _api.DisposeAsync();
            }

            await _database.DisposeAsync();
            Assert.False(UnixProcess.IsAlive(pid), $"API process {pid} outlived the test");
        }
    }

    [Fact]
    public async Task An_api_killed_under_load_keeps_every_acknowledged_command_and_every_resent_key_lands_exactly_once()
    {
        var wallets = new List<string>();
        for (var i = 0; i < WalletCount; i++)
        {
            wallets.Add(await _api.CreateWalletAsync());
            await _api.PayInAsync(wallets[^1], Cents.Format(FundingCents));
        }

        var sent = new ConcurrentQueue<Command>();
        var acknowledged = new ConcurrentDictionary<string, string>();
        var unexpected = new ConcurrentBag<string>();
        var enoughAcknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clients = Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            var random = new Random(client);
            while (true)
            {
                var command = NextCommand(random, wallets);
                sent.Enqueue(command);
                CommandResponse answer;
                try
                {
                    answer = await _api.PostAsync(command.Route, command.Body, command.Key);
                }
                catch (Exception cut) when (cut is HttpRequestException or TaskCanceledException)
                {
                    // The process is gone: this key's fate is unknown to the client, as in a real crash.
                    return;
                }

                if (answer.Status == HttpStatusCode.Created)
                {
                    acknowledged[command.Key] = answer.Body.GetProperty("commandId").GetString()!;
                }
                else
                {
                    unexpected.Add($"{command.Key}: {(int)answer.Status} {answer.Body}");
                }

                if (acknowledged.Count >= AcknowledgedBeforeKill)
                {
                    enoughAcknowledged.TrySetResult();
                }
            }
        })).ToList();

        var loaded = await Task.WhenAny(enoughAcknowledged.Task, Task.Delay(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken), Task.WhenAll(clients));
        Assert.True(loaded == enoughAcknowledged.Task, $"the load did not reach {AcknowledgedBeforeKill} acknowledgements ({acknowledged.Count}; {string.Join("; ", unexpected.Take(3))}):{Environment.NewLine}{_api.RecentLog}");
        await _api.KillAsync();
        await Task.WhenAll(clients);
        Assert.Empty(unexpected);
        Assert.True(sent.Count > acknowledged.Count, "every client's last request should have been cut by the kill");

        await _api.RestartAsync();
        var commands = sent.ToList();
        var resent = new ConcurrentDictionary<string, CommandResponse>();
        await Parallel.ForEachAsync(commands, new ParallelOptions { MaxDegreeOfParallelism = Clients }, async (command, _) =>
            resent[command.Key] = await _api.PostAsync(command.Route, command.Body, command.Key));

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
            $"{commands.Count} commands sent, {acknowledged.Count} acknowledged before the kill; of the {commands.Count - acknowledged.Count} cut, {landedUnseen} had committed unseen");
        var commandIds = resent.Values.Select(answer => answer.Body.GetProperty("commandId").GetString()!).ToArray();
        Assert.Equal(commands.Count, commandIds.Distinct().Count());
        Assert.Equal(0, await ScalarAsync("select count(*) from core.commands where status <> 'completed'"));
        Assert.Equal(commands.Count, await ScalarAsync("select count(*) from core.commands where id = any($1)", commandIds));
        Assert.Equal(commands.Count + (WalletCount * 2), await ScalarAsync("select count(*) from core.commands"));
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
    }

    private static Command NextCommand(Random random, List<string> wallets)
    {
        var key = $"load-{Guid.NewGuid():N}";
        var cents = random.Next(1, 50_00);
        var credited = wallets[random.Next(wallets.Count)];
        if (random.Next(3) == 0)
        {
            return new Command(key, "/v1/payins", new { walletId = credited, bankId = "citi", amount = Cents.Format(cents), currency = "USD" }, null, credited, cents);
        }

        var debited = wallets.Where(wallet => wallet != credited).ElementAt(random.Next(wallets.Count - 1));
        return new Command(key, "/v1/transfers", new { sourceWalletId = debited, destinationWalletId = credited, amount = Cents.Format(cents), currency = "USD" }, debited, credited, cents);
    }

    private async Task<long> ScalarAsync(string sql, string[]? commandIds = null)
    {
        await using var command = _database.CreateCommand(sql);
        if (commandIds is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = commandIds });
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>One command a client sent: its key and body, and what it moves between wallets once completed.</summary>
    private sealed record Command(string Key, string Route, object Body, string? Debited, string Credited, long Cents);
}
