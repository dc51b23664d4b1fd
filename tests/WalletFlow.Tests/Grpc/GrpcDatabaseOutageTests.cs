using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using Npgsql;
using WalletFlow.Api.Grpc.WalletCore.Contracts;
using WalletFlow.Tests.Infrastructure;
using WalletFlow.Tests.WalletCore;

namespace WalletFlow.Tests.Grpc;

/// <summary>
/// The gRPC front while its database cannot be reached (the REST outage tests' relay, cut): a command answers
/// UNAVAILABLE with its ErrorInfo and a RetryInfo (REST's 503 with Retry-After) and changes nothing; grpc.health.v1
/// says NOT_SERVING; once the database is back the same idempotency key completes the command exactly once.
/// </summary>
public sealed class GrpcDatabaseOutageTests(PostgresFixture postgres)
{
    private static readonly TimeSpan RetryBudget = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_command_while_the_database_is_lost_is_unavailable_with_retry_info_changes_nothing_and_its_key_later_completes_once()
    {
        await using var relay = new TcpRelay(postgres.Cluster.Port);
        string? direct = null;
        await using var api = await GrpcApi.StartAsync(postgres, "grpc-outage", connectionForApi: connection =>
        {
            direct = connection;
            return new NpgsqlConnectionStringBuilder(connection) { Port = relay.Port, Timeout = 3 }.ConnectionString;
        });
        await using var database = NpgsqlDataSource.Create(direct!);
        using var client = api.Client();
        var source = await CreateWalletAsync(client);
        var destination = await CreateWalletAsync(client);
        Assert.Equal(StatusCode.OK, (await client.CallAsync(Path("postPayin"), new PostPayinRequest { WalletId = source, BankId = "citi", AmountMinor = 10_000, Currency = "USD" }, WalletGrpc.Metadata(WalletGrpc.NewKey(), token: null))).Code);
        var transfer = new TransferRequest { SourceWalletId = source, DestinationWalletId = destination, AmountMinor = 250, Currency = "USD" };
        var key = WalletGrpc.NewKey();
        var before = await Books.FingerprintAsync(database);

        relay.Cut();
        var lost = await client.CallAsync(Path("transfer"), transfer, WalletGrpc.Metadata(key, token: null));
        var health = await client.CallAsync("/grpc.health.v1.Health/Check", new HealthCheckRequest());
        var serviceHealth = await client.CallAsync("/grpc.health.v1.Health/Check", new HealthCheckRequest { Service = "walletflow.v1.WalletsCommands" });
        var after = await Books.FingerprintAsync(database);
        relay.Restore();

        Assert.True(lost.Code == StatusCode.Unavailable, $"Expected UNAVAILABLE, got {lost.Code} {lost.Message}");
        Assert.Equal("UNAVAILABLE", lost.ErrorInfo?.Reason);
        Assert.Equal("walletflow", lost.ErrorInfo?.Domain);
        Assert.Equal(TimeSpan.FromSeconds(2), lost.Details?.GetDetail<RetryInfo>()?.RetryDelay.ToTimeSpan());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, health.Single(HealthCheckResponse.Parser).Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, serviceHealth.Single(HealthCheckResponse.Parser).Status);
        Assert.Equal(before, after);

        var completed = await RetryUntilAnsweredAsync(client, transfer, key);
        Assert.True(completed.Code == StatusCode.OK, $"{completed.Code} {completed.Message}");
        var replayed = await client.CallAsync(Path("transfer"), transfer, WalletGrpc.Metadata(key, token: null));
        Assert.Equal("true", replayed.Headers["idempotent-replayed"]);
        Assert.Equal(completed.Single(TransferReceipt.Parser).CommandId, replayed.Single(TransferReceipt.Parser).CommandId);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await client.CallAsync("/grpc.health.v1.Health/Check", new HealthCheckRequest())).Single(HealthCheckResponse.Parser).Status);
        await using (var count = database.CreateCommand("select count(*) from core.commands where command = 'transfer'"))
        {
            Assert.Equal(1L, await count.ExecuteScalarAsync());
        }

        await LedgerInvariants.AssertHoldAsync(database, Api.Grpc.Ledger.DefaultLedger.Name);
        await WalletCoreInvariants.AssertHoldAsync(api.Services, Api.Grpc.Ledger.DefaultLedger.Name);
    }

    private static string Path(string command) => WalletGrpc.PathOf(WalletGrpc.Method(command));

    private static async Task<string> CreateWalletAsync(GrpcCaller client)
    {
        var created = await client.CallAsync(Path("createWallet"), new CreateWalletRequest { MerchantId = "acme", Currency = "USD" }, WalletGrpc.Metadata(WalletGrpc.NewKey(), token: null));
        Assert.True(created.Code == StatusCode.OK, $"{created.Code} {created.Message}");
        return created.Single(CreateWalletReceipt.Parser).Data.WalletId;
    }

    /// <summary>What a well-behaved client does with UNAVAILABLE: waits as told and sends the very same call again.</summary>
    private static async Task<GrpcReply> RetryUntilAnsweredAsync(GrpcCaller client, TransferRequest transfer, string key)
    {
        var deadline = DateTimeOffset.UtcNow + RetryBudget;
        while (true)
        {
            var reply = await client.CallAsync(Path("transfer"), transfer, WalletGrpc.Metadata(key, token: null));
            if (reply.Code != StatusCode.Unavailable || DateTimeOffset.UtcNow > deadline)
            {
                return reply;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }
}
