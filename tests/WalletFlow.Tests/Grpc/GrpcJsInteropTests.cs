using System.Text.Json.Nodes;
using Npgsql;
using WalletFlow.Api.Grpc.Ledger;
using WalletFlow.Ledger;
using WalletFlow.Ledger.Embedded;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Grpc;

/// <summary>
/// The reference Node.js client (<c>@grpc/grpc-js</c> with <c>@grpc/proto-loader</c>, pinned in tests/interop/grpc-js)
/// loading the API's own .proto files (and the standard health and reflection protos, kept beside the scripts),
/// against the whole system under the AppHost (its gRPC endpoint behind Aspire's proxy): if it can call us, any gRPC
/// client can. Failures are read as a generic client reads them: the status, then the <c>google.rpc.Status</c> of
/// <c>grpc-status-details-bin</c> (ErrorInfo, BadRequest) decoded with protobufjs.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class GrpcJsInteropTests(AppHostFixture apphost)
{
    private static readonly NodeProject Project = new("grpc-js");
    private static readonly string Protos = Path.Combine(RepositoryPaths.Root, "src", "WalletFlow.Api", "Protos");

    [Fact]
    public async Task The_grpc_js_client_checks_health_lists_services_by_reflection_reads_the_ledger_and_sees_statuses_deadlines_and_streams()
    {
        // Posted straight into the AppHost's database through the embedded ledger, as the API itself would.
        await using var database = NpgsqlDataSource.Create(apphost.DatabaseConnectionString);
        var ledger = new EmbeddedLedger(database, TimeProvider.System);
        long[] posted =
        [
            await PostAsync(ledger, new Posting("world", "users:alice", 1000, "USD/2")),
            await PostAsync(ledger, new Posting("users:alice", "users:bob", 250, "USD/2")),
            await PostAsync(ledger, new Posting("world", "users:carol", 5, "EUR/2")),
        ];
        await Project.EnsureInstalledAsync("@grpc/grpc-js");

        var run = await Project.RunAsync("node", ["grpc-calls.mjs", apphost.GrpcAddress.Authority, Protos, AppHostFixture.Token], TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode == 0, $"node exited {run.ExitCode}\n{run.Output}\n{run.Errors}");
        var result = JsonNode.Parse(run.Output.Trim().Split('\n')[^1])!;
        Assert.Equal("SERVING", result["server"]!["response"]!["status"]!.GetValue<string>());
        Assert.Equal("SERVING", result["service"]!["response"]!["status"]!.GetValue<string>());
        Assert.Equal(5, result["unknownService"]!["code"]!.GetValue<int>());

        var alice = result["alice"]!["response"]!;
        Assert.Equal("users:alice", alice["address"]!.GetValue<string>());
        Assert.Equal("""{"input":"1000","output":"250","balance":"750"}""", alice["volumes"]!["USD/2"]!.ToJsonString());

        Assert.Equal(16, result["anonymous"]!["code"]!.GetValue<int>());
        Assert.Equal("UNAUTHORIZED", result["anonymous"]!["status"]!["errorInfo"]!["reason"]!.GetValue<string>());
        Assert.Equal(5, result["missing"]!["code"]!.GetValue<int>());
        Assert.Equal("NOT_FOUND: Transaction 987654 does not exist.", result["missing"]!["details"]!.GetValue<string>());
        Assert.Equal("NOT_FOUND", result["missing"]!["status"]!["errorInfo"]!["reason"]!.GetValue<string>());
        Assert.Equal("walletflow", result["missing"]!["status"]!["errorInfo"]!["domain"]!.GetValue<string>());

        // Reflection is public and lists every service WalletFlow serves, as grpcurl's "list" would.
        Assert.Equal(0, result["reflection"]!["code"]!.GetValue<int>());
        var listed = result["reflection"]!["services"]!.AsArray().Select(service => service!.GetValue<string>()).ToList();
        Assert.All(Api.Grpc.GrpcFront.ServiceNames.Append("grpc.health.v1.Health"), service => Assert.Contains(service, listed));

        Assert.Equal(4, result["expired"]!["code"]!.GetValue<int>());
        Assert.Equal(4, result["watch"]!["code"]!.GetValue<int>());
        // The first status comes at once; the health publisher may repeat it before the deadline.
        var watched = result["watch"]!["items"]!.AsArray();
        Assert.NotEmpty(watched);
        Assert.All(watched, status => Assert.Equal("SERVING", status!["status"]!.GetValue<string>()));

        Assert.Equal(0, result["listed"]!["code"]!.GetValue<int>());
        // The ledger is the AppHost's, shared with other tests: this test's transactions, newest first, among theirs.
        var ids = posted.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        var ours = result["listed"]!["items"]!.AsArray().Where(item => ids.Contains(item!["id"]!.GetValue<string>())).ToList();
        Assert.Equal(posted.Reverse().Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ours.Select(item => item!["id"]!.GetValue<string>()));
        Assert.Equal("users:bob", ours[1]!["postings"]![0]!["destination"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_grpc_js_client_transfers_replays_is_refused_with_rich_details_and_watches_movements_through_the_generated_services()
    {
        await Project.EnsureInstalledAsync("@grpc/grpc-js");

        var run = await Project.RunAsync("node", ["wallet-calls.mjs", apphost.GrpcAddress.Authority, Protos, AppHostFixture.Token], TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode == 0, $"node exited {run.ExitCode}\n{run.Output}\n{run.Errors}");
        var result = JsonNode.Parse(run.Output.Trim().Split('\n')[^1])!;
        var source = result["source"]!.GetValue<string>();
        var destination = result["destination"]!.GetValue<string>();

        var transfer = result["transfer"]!;
        Assert.Equal(0, transfer["code"]!.GetValue<int>());
        Assert.Equal("false", transfer["headers"]!["idempotent-replayed"]!.GetValue<string>());
        var receipt = transfer["response"]!;
        Assert.StartsWith("wtx_", receipt["commandId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("transfer", receipt["command"]!.GetValue<string>());
        Assert.Equal("completed", receipt["status"]!.GetValue<string>());
        Assert.Equal(source, receipt["data"]!["sourceWalletId"]!.GetValue<string>());
        Assert.Equal("2500", receipt["data"]!["amountMinor"]!.GetValue<string>());
        Assert.Equal("grpc-js", receipt["data"]!["reference"]!.GetValue<string>());
        Assert.Equal($"wallets:{destination}:available", receipt["postings"]![0]!["destination"]!.GetValue<string>());

        var replay = result["replay"]!;
        Assert.Equal(0, replay["code"]!.GetValue<int>());
        Assert.Equal("true", replay["headers"]!["idempotent-replayed"]!.GetValue<string>());
        Assert.Equal(receipt["commandId"]!.GetValue<string>(), replay["response"]!["commandId"]!.GetValue<string>());
        Assert.Equal(receipt.ToJsonString(), replay["response"]!.ToJsonString());

        Assert.Equal(9, result["insufficient"]!["code"]!.GetValue<int>());
        Assert.StartsWith("INSUFFICIENT_FUNDS: ", result["insufficient"]!["details"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("INSUFFICIENT_FUNDS", result["insufficient"]!["status"]!["errorInfo"]!["reason"]!.GetValue<string>());
        Assert.Equal("walletflow", result["insufficient"]!["status"]!["errorInfo"]!["domain"]!.GetValue<string>());
        var invalid = result["invalid"]!;
        Assert.Equal(3, invalid["code"]!.GetValue<int>());
        Assert.Equal("CURRENCY_UNKNOWN", invalid["status"]!["errorInfo"]!["reason"]!.GetValue<string>());
        var violation = Assert.Single(invalid["status"]!["badRequest"]!["fieldViolations"]!.AsArray())!;
        Assert.Equal("currency", violation["field"]!.GetValue<string>());
        Assert.Equal("CURRENCY_UNKNOWN", violation["reason"]!.GetValue<string>());
        Assert.Equal(4, result["expired"]!["code"]!.GetValue<int>());
        Assert.Equal(16, result["anonymous"]!["code"]!.GetValue<int>());
        Assert.StartsWith("UNAUTHORIZED: ", result["anonymous"]!["details"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("UNAUTHORIZED", result["anonymous"]!["status"]!["errorInfo"]!["reason"]!.GetValue<string>());
        Assert.Equal("2500", result["balances"]!["response"]!["availableMinor"]!.GetValue<string>());

        var movements = result["movements"]!;
        Assert.Equal(4, movements["code"]!.GetValue<int>());
        var line = Assert.Single(movements["items"]!.AsArray())!;
        Assert.Equal(movements["expectedCommandId"]!.GetValue<string>(), line["commandId"]!.GetValue<string>());
        Assert.Equal("500", line["availableChangeMinor"]!.GetValue<string>());
    }

    private static async Task<long> PostAsync(ILedger ledger, Posting posting) =>
        (await ledger.PostAsync(DefaultLedger.Name, TransactionRequest.FromPostings(posting))).Value.Transaction.Id;
}
