extern alias client;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;
using WalletFlow.Bench.Load;
using WalletFlow.Postgres.Embedded;
using WalletFlow.Postgres.Migrations;
using GrpcTransferRequest = client::WalletFlow.Api.Grpc.WalletCore.Contracts.TransferRequest;

// Bounded and self-stopping: sets up --wallets funded wallets and one hot wallet through REST, then each mode drives
// transfers from --clients concurrent clients for --seconds, over REST and over gRPC (--protocol rest|grpc|both). By
// default on an API of its own (a child process in Production on a durable cluster of its own, as deployed); with
// --url, --grpc-url and --token, on a running API (it then adds its wallets and pay-ins to that API's books).
var seconds = IntOption("--seconds", 10);
var clients = IntOption("--clients", 16);
var walletCount = IntOption("--wallets", 100);
var url = StringOption("--url");
var grpcUrl = StringOption("--grpc-url");
var token = StringOption("--token");
var protocol = StringOption("--protocol") ?? "both";
if ((url is null) != (token is null))
{
    Console.Error.WriteLine("Give both --url and --token (the API's AUTH_TOKEN), or neither to start an API of its own.");
    return 2;
}

if (protocol is not ("rest" or "grpc" or "both") || (url is not null && protocol != "rest" && grpcUrl is null))
{
    Console.Error.WriteLine("--protocol is rest, grpc or both (the default); against a running API, gRPC needs --grpc-url too.");
    return 2;
}

const string Currency = "USD";
const string WarmUp = "warm-up";
const int Success = 0, Rejected = 1, ServerError = 2;
string? root = null;
EmbeddedPostgres? cluster = null;
ApiChild? api = null;
try
{
    string where;
    Uri address;
    Uri? grpcAddress = grpcUrl is null ? null : new Uri(grpcUrl);
    if (url is null)
    {
        root = Path.Combine(Path.GetTempPath(), "walletflow-bench", Guid.NewGuid().ToString("N"));
        cluster = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { RootDirectory = root, Durable = true });
        await ExecuteAsync(cluster.ConnectionString(), "create database load_bench");
        // The API never migrates (the AppHost's migrator does): the benchmark, which has no AppHost, migrates itself.
        await using (var schema = NpgsqlDataSource.Create(cluster.ConnectionString("load_bench")))
        {
            await new MigrationRunner(schema).ApplyAsync();
        }

        token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        api = await ApiChild.StartAsync(cluster.ConnectionString("load_bench"), token);
        address = api.Address;
        grpcAddress = api.GrpcAddress;
        where = "the API as a child process (Production) on a durable embedded Postgres";
    }
    else
    {
        address = new Uri(url);
        where = $"the running API at {url}";
    }

    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

    var wallets = new string[walletCount];
    await Parallel.ForEachAsync(Enumerable.Range(0, walletCount), new ParallelOptions { MaxDegreeOfParallelism = clients }, async (i, _) =>
        wallets[i] = await OpenFundedWalletAsync(http, "1000000.00"));
    var hot = await OpenFundedWalletAsync(http, "100000000.00");

    var uniform = new Mode("uniform", random =>
    {
        var source = random.Next(walletCount);
        var destination = (source + 1 + random.Next(walletCount - 1)) % walletCount;
        return (wallets[source], wallets[destination]);
    });
    var hotWallet = new Mode("hot wallet", random =>
        random.Next(2) == 0 ? (hot, wallets[random.Next(walletCount)]) : (wallets[random.Next(walletCount)], hot));

    using var grpc = new GrpcTransferClient(grpcAddress ?? address, token!);
    var protocols = new List<(string Name, Send Send)>();
    if (protocol != "grpc")
    {
        protocols.Add(("REST", (source, destination, minor) => TransferOverRestAsync(http, source, destination, minor)));
    }

    if (protocol != "rest")
    {
        protocols.Add(("gRPC", (source, destination, minor) => TransferOverGrpcAsync(grpc, source, destination, minor)));
    }

    Console.WriteLine($"WalletFlow load: {Environment.ProcessorCount} cores, {clients} clients, {seconds} s per mode, {walletCount} wallets and a hot one, {where}");
    Console.WriteLine();
    Console.WriteLine($"{"protocol",-9} {"mode",-12} {"commands/s",11} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"done",8} {"refused",8} {"failed",7} {"no answer",10}");
    foreach (var (name, send) in protocols)
    {
        // The first requests of a fresh process (or a fresh connection) pay for JIT and set-up: not measured.
        await RunAsync(new Mode(WarmUp, uniform.NextPair), TimeSpan.FromSeconds(Math.Min(2, seconds)), send);
        foreach (var mode in new[] { uniform, hotWallet })
        {
            var result = await RunAsync(mode, TimeSpan.FromSeconds(seconds), send);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-9} {mode.Name,-12} {result.CommandsPerSecond,11:F0} {result.Percentile(50),8:F1} {result.Percentile(95),8:F1} {result.Percentile(99),8:F1} {result.Success,8} {result.Rejected,8} {result.ServerErrors,7} {result.TransportErrors,10}"));
        }
    }

    return 0;
}
finally
{
    if (api is not null)
    {
        await api.DisposeAsync();
    }

    if (cluster is not null)
    {
        await cluster.StopAsync();
    }

    if (root is not null && Directory.Exists(root))
    {
        Directory.Delete(root, recursive: true);
    }
}

async Task<LoadResult> RunAsync(Mode mode, TimeSpan duration, Send send)
{
    var latencies = new ConcurrentBag<double>();
    // Done, refused by the API (a 4xx, a gRPC rejection), failed (a 5xx, a gRPC server status).
    var answers = new long[3];
    long transportErrors = 0;
    string? firstFailure = null;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
    {
        var random = new Random((client * 7919) + mode.Name.Length);
        while (clock.Elapsed < duration)
        {
            var (source, destination) = mode.NextPair(random);
            var started = Stopwatch.GetTimestamp();
            try
            {
                var (outcome, failure) = await send(source, destination, random.Next(1, 100));
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Increment(ref answers[outcome]);
                if (failure is not null)
                {
                    Interlocked.CompareExchange(ref firstFailure, failure, null);
                }
            }
            catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref transportErrors);
                Interlocked.CompareExchange(ref firstFailure, failure.Message, null);
            }
        }
    })));

    if (firstFailure is not null && mode.Name != WarmUp)
    {
        Console.Error.WriteLine($"{mode.Name}: first failure: {firstFailure}");
    }

    return new LoadResult(mode, answers[Success], answers[Rejected], answers[ServerError], transportErrors, clock.Elapsed, [.. latencies]);
}

// Amounts of 0.01 to 0.99 USD, so no transfer is refused for funds.
static async Task<(int Outcome, string? Failure)> TransferOverRestAsync(HttpClient http, string source, string destination, int cents)
{
    var amount = string.Create(CultureInfo.InvariantCulture, $"0.{cents:D2}");
    using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/transfers", UriKind.Relative))
    {
        Content = JsonContent.Create(new { sourceWalletId = source, destinationWalletId = destination, amount, currency = Currency }),
    };
    request.Headers.Add("Idempotency-Key", $"load-{Guid.NewGuid():N}");
    using var response = await http.SendAsync(request);
    var body = await response.Content.ReadAsStringAsync();
    return (int)response.StatusCode switch
    {
        >= 200 and < 300 => (Success, null),
        >= 400 and < 500 => (Rejected, $"{(int)response.StatusCode} {body}"),
        _ => (ServerError, $"{(int)response.StatusCode} {body}"),
    };
}

static async Task<(int Outcome, string? Failure)> TransferOverGrpcAsync(GrpcTransferClient grpc, string source, string destination, int cents)
{
    var request = new GrpcTransferRequest { SourceWalletId = source, DestinationWalletId = destination, AmountMinor = cents, Currency = Currency };
    var result = await grpc.TransferAsync(request, $"load-{Guid.NewGuid():N}");
    return result.Status switch
    {
        0 => (Success, null),
        // Statuses a correct server answers a request it refuses with (gRPC's own classification of client errors).
        3 or 5 or 6 or 7 or 9 or 10 or 16 => (Rejected, $"gRPC {result.Status}: {result.Message}"),
        _ => (ServerError, $"gRPC {result.Status}: {result.Message}"),
    };
}

static async Task<string> OpenFundedWalletAsync(HttpClient http, string funding)
{
    var wallet = await PostAsync(http, "/v1/wallets", new { merchantId = "loadbench", currency = Currency });
    var walletId = wallet.GetProperty("data").GetProperty("walletId").GetString()!;
    await PostAsync(http, "/v1/payins", new { walletId, bankId = "citi", amount = funding, currency = Currency });
    return walletId;
}

static async Task<JsonElement> PostAsync(HttpClient http, string route, object body)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(route, UriKind.Relative)) { Content = JsonContent.Create(body) };
    request.Headers.Add("Idempotency-Key", $"load-setup-{Guid.NewGuid():N}");
    using var response = await http.SendAsync(request);
    var text = await response.Content.ReadAsStringAsync();
    return response.StatusCode == HttpStatusCode.Created
        ? JsonDocument.Parse(text).RootElement.Clone()
        : throw new InvalidOperationException($"Set-up {route} answered {(int)response.StatusCode}: {text}");
}

static async Task ExecuteAsync(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

int IntOption(string name, int fallback) => StringOption(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

string? StringOption(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

/// <summary>Sends one transfer of <c>cents</c> and says how it ended (done, refused or failed) with the first words of a failure.</summary>
internal delegate Task<(int Outcome, string? Failure)> Send(string source, string destination, int cents);
