using System.Net;
using System.Net.Http.Json;
using Npgsql;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.WalletCore;

/// <summary>
/// When Postgres drops its connections (a backend terminated, a restart, a network cut) commands and reads answer
/// 503 problem+json with code UNAVAILABLE and Retry-After, never 500; a retry with the same idempotency key is safe:
/// every command completes exactly once, whether the failure hit before, during or after its commit.
/// </summary>
public sealed class DatabaseOutageTests(PostgresFixture postgres)
{
    private static readonly TimeSpan RetryBudget = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_command_on_connections_the_database_terminated_answers_503_and_the_same_key_then_completes_once()
    {
        await using var host = await WalletCoreHost.StartAsync(postgres, "outage-terminated");
        var (source, destination) = (await host.CreateWalletAsync(), await host.CreateWalletAsync());
        await host.PayInAsync(source, "100.00");
        var key = host.NewKey();
        var transfer = new { sourceWalletId = source, destinationWalletId = destination, amount = "10.00", currency = "USD" };

        await TerminateBackendsAsync(host);
        var lost = await SendAsync(host, HttpMethod.Post, "/v1/transfers", transfer, key);

        AssertUnavailable(lost);
        var completed = await RetryUntilAnsweredAsync(host, "/v1/transfers", transfer, key);
        Assert.Equal(HttpStatusCode.Created, completed.Status);
        var replayed = await host.PostAsync("/v1/transfers", transfer, key);
        Assert.True(replayed.Replayed);
        Assert.Equal(completed.CommandId(), replayed.CommandId());
        Assert.Equal(("90.00", "10.00"), (await host.AvailableAsync(source), await host.AvailableAsync(destination)));
        await host.AssertInvariantsAsync();
    }

    [Fact]
    public async Task A_read_on_connections_the_database_terminated_answers_503_with_Retry_After()
    {
        await using var host = await WalletCoreHost.StartAsync(postgres, "outage-read");
        var wallet = await host.CreateWalletAsync();

        await TerminateBackendsAsync(host);

        AssertUnavailable(await SendAsync(host, HttpMethod.Get, $"/v1/wallets/{wallet}/balances", body: null, key: null));
    }

    [Fact]
    public async Task A_lost_database_answers_503_until_it_is_back_and_each_key_then_completes_exactly_once()
    {
        await using var relay = new TcpRelay(postgres.Cluster.Port);
        await using var host = await WalletCoreHost.StartAsync(
            postgres, "outage-lost", connectionForApi: direct => new NpgsqlConnectionStringBuilder(direct) { Port = relay.Port, Timeout = 3 }.ConnectionString);
        var (source, destination) = (await host.CreateWalletAsync(), await host.CreateWalletAsync());
        await host.PayInAsync(source, "100.00");
        var transfer = new { sourceWalletId = source, destinationWalletId = destination, amount = "1.00", currency = "USD" };
        var key = host.NewKey();

        relay.Cut();
        AssertUnavailable(await SendAsync(host, HttpMethod.Post, "/v1/transfers", transfer, key));
        AssertUnavailable(await SendAsync(host, HttpMethod.Get, $"/v1/wallets/{source}/balances", body: null, key: null));
        AssertUnavailable(await SendAsync(host, HttpMethod.Post, "/v1/transfers", transfer, key));
        relay.Restore();

        Assert.Equal(HttpStatusCode.Created, (await RetryUntilAnsweredAsync(host, "/v1/transfers", transfer, key)).Status);
        Assert.Equal(("99.00", "1.00"), (await host.AvailableAsync(source), await host.AvailableAsync(destination)));
        Assert.Equal(1L, await host.ScalarAsync<long>("select count(*) from core.commands where command = 'transfer'"));
        await host.AssertInvariantsAsync();
    }

    [Fact]
    public async Task Backends_terminated_again_and_again_under_load_never_give_a_500_and_retries_complete_every_transfer_once()
    {
        await using var host = await WalletCoreHost.StartAsync(postgres, "outage-load");
        var wallets = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            wallets.Add(await host.CreateWalletAsync());
            await host.PayInAsync(wallets[^1], "100.00");
        }

        var transfers = Enumerable.Range(0, 48)
            .Select(i => (Key: host.NewKey(), Body: new { sourceWalletId = wallets[i % 4], destinationWalletId = wallets[(i + 1) % 4], amount = "0.25", currency = "USD" }))
            .ToList();
        using var stop = new CancellationTokenSource();
        var killer = KillRepeatedlyAsync(host, stop.Token);

        var answers = await Task.WhenAll(transfers.Select(async transfer => await SendAsync(host, HttpMethod.Post, "/v1/transfers", transfer.Body, transfer.Key)));
        await stop.CancelAsync();
        var kills = await killer;

        Assert.True(kills > 0, "No backend was terminated while the transfers ran.");
        Assert.All(answers, answer => Assert.True(answer.Status is HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable, $"{(int)answer.Status} {answer.Body}"));
        Assert.All(answers.Where(answer => answer.Status == HttpStatusCode.ServiceUnavailable), AssertUnavailable);
        foreach (var (key, body) in transfers)
        {
            Assert.Equal(HttpStatusCode.Created, (await RetryUntilAnsweredAsync(host, "/v1/transfers", body, key)).Status);
        }

        Assert.Equal(transfers.Count, await host.ScalarAsync<long>("select count(*) from core.commands where command = 'transfer'"));
        Assert.Equal(transfers.Count, await host.ScalarAsync<long>("select count(*) from ledger.transactions where metadata ->> 'walletflow_command' = 'transfer'"));
        // Each wallet sent 12 x 0.25 and received 12 x 0.25: every transfer counted once, none twice.
        foreach (var wallet in wallets)
        {
            Assert.Equal("100.00", await host.AvailableAsync(wallet));
        }

        await host.AssertInvariantsAsync();
    }

    private static void AssertUnavailable(Answer answer)
    {
        Assert.True(answer.Status == HttpStatusCode.ServiceUnavailable && answer.Code == "UNAVAILABLE", $"Expected 503 UNAVAILABLE, got {(int)answer.Status} {answer.Body}");
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.Equal("2", answer.RetryAfter);
    }

    /// <summary>What a well-behaved client does with a 503: waits as told and sends the very same request again.</summary>
    private static async Task<CommandResponse> RetryUntilAnsweredAsync(WalletCoreHost host, string route, object body, string key)
    {
        var deadline = DateTimeOffset.UtcNow + RetryBudget;
        while (true)
        {
            var answer = await SendAsync(host, HttpMethod.Post, route, body, key);
            if (answer.Status != HttpStatusCode.ServiceUnavailable || DateTimeOffset.UtcNow > deadline)
            {
                return answer.Response;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    private static async Task<Answer> SendAsync(WalletCoreHost host, HttpMethod method, string route, object? body, string? key)
    {
        using var request = new HttpRequestMessage(method, new Uri(route, UriKind.Relative)) { Content = body is null ? null : JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        using var response = await host.Client.SendAsync(request);
        var retryAfter = response.Headers.TryGetValues("Retry-After", out var values) ? values.Single() : null;
        return new Answer(await CommandResponse.ReadAsync(response), retryAfter);
    }

    /// <summary>
    /// Terminates every backend of the test's database but the one asking: the API's pooled connections all die. The
    /// test's own pool is cleared after, so its checks do not meet a connection killed here.
    /// </summary>
    private static async Task<int> TerminateBackendsAsync(WalletCoreHost host)
    {
        await using var command = host.Database.CreateCommand(
            "select count(*) from (select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()) killed");
        var killed = (int)(long)(await command.ExecuteScalarAsync())!;
        host.Database.Clear();
        return killed;
    }

    private static async Task<int> KillRepeatedlyAsync(WalletCoreHost host, CancellationToken stop)
    {
        var kills = 0;
        while (!stop.IsCancellationRequested)
        {
            kills += await TerminateBackendsAsync(host);
            await Task.Delay(TimeSpan.FromMilliseconds(15), CancellationToken.None);
        }

        return kills;
    }

    private sealed record Answer(CommandResponse Response, string? RetryAfter)
    {
        public HttpStatusCode Status => Response.Status;

        public string? Code => Response.Code;

        public string? ContentType => Response.ContentType;

        public System.Text.Json.JsonElement Body => Response.Body;
    }
}
