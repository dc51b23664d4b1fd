extern alias client;

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;
using WalletFlow.Bench;
using WalletFlow.Bench.Load;
using WalletFlow.Postgres.Embedded;
using WalletFlow.Postgres.Migrations;
using WalletFlow.Tests.Infrastructure;
using GrpcTransferRequest = client::WalletFlow.Api.Grpc.WalletCore.Contracts.TransferRequest;

// Bounded and self-stopping. On a durable cluster of its own (fsync and synchronous commit on, as deployed): pgbench's
// TPC-B-like run (scale 10) at each client count of --clients; then the API as a child process and, over REST and over
// gRPC, uniform transfers between --wallets funded wallets and transfers into or out of one hot wallet, each at each
// client count for --seconds; then REST uniform open-loop at --open-share of its best rate. After each run it waits for
// the outbox relays to publish what the run committed, so that no run pays for another's projection, and reports
// that drain. One table, the best of each, the ratios; then DESIGN.md's invariants on the books. It exits 1 when a transfer was refused, failed or left
// unanswered, or an invariant does not hold. With --apis 2 it starts two APIs on the one database (each a silo of its
// own) and spreads the transfers between them. With --url, --grpc-url and --token it drives a running API instead (its
// database is not ours: no pgbench and no invariants).
var seconds = IntOption("--seconds", 5);
var clientCounts = (StringOption("--clients") ?? "8,16,32,64,128,256").Split(',').Select(count => int.Parse(count, CultureInfo.InvariantCulture)).ToArray();
var walletCount = IntOption("--wallets", 100);
var openShare = double.Parse(StringOption("--open-share") ?? "0.8", CultureInfo.InvariantCulture);
var url = StringOption("--url");
var grpcUrl = StringOption("--grpc-url");
var token = StringOption("--token");
var protocol = StringOption("--protocol") ?? "both";
var apiCount = IntOption("--apis", 1);
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

if (clientCounts.Length == 0 || clientCounts.Any(count => count < 1) || openShare is <= 0 or > 1 || apiCount < 1 || (url is not null && apiCount != 1))
{
    Console.Error.WriteLine("--clients is a list of positive client counts (8,16,32); --open-share is a share of the best rate, above 0 and at most 1; " +
        "--apis is how many APIs to start (1, the default, or more), not given with --url.");
    return 2;
}

const string Currency = "USD";
const string Database = "load_bench";
var maxClients = clientCounts.Max();
string? root = null;
EmbeddedPostgres? cluster = null;
var apis = new List<ApiChild>();
NpgsqlDataSource? books = null;
try
{
    string where;
    List<(Uri Http, Uri Grpc)> addresses;
    var pgbench = new List<(int Clients, double Tps)>();
    if (url is null)
    {
        root = Path.Combine(Path.GetTempPath(), "walletflow-bench", Guid.NewGuid().ToString("N"));
        // Room for the largest client count of pgbench, and later for the API's pool.
        cluster = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { RootDirectory = root, Durable = true, MaxConnections = maxClients + 50 });
        Console.WriteLine($"pgbench TPC-B-like, scale 10, {seconds} s per client count...");
        var yardstick = await Pgbench.InitializeAsync(cluster, scale: 10);
        foreach (var clients in clientCounts)
        {
            pgbench.Add((clients, await yardstick.RunAsync(clients, seconds)));
        }

        await ExecuteAsync(cluster.ConnectionString(), $"create database {Database}");
        // The API never migrates (the AppHost's migrator does): the benchmark, which has no AppHost, migrates itself.
        books = NpgsqlDataSource.Create(cluster.ConnectionString(Database));
        await new MigrationRunner(books).ApplyAsync();

        token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        for (var i = 0; i < apiCount; i++)
        {
            apis.Add(await ApiChild.StartAsync(cluster.ConnectionString(Database), token));
        }

        addresses = [.. apis.Select(api => (api.Address, api.GrpcAddress))];
        where = apiCount == 1
            ? "the API as a child process (Production) on a durable embedded Postgres"
            : $"{apiCount} APIs as child processes (Production), each a silo of its own, on one durable embedded Postgres";
    }
    else
    {
        addresses = [(new Uri(url), new Uri(grpcUrl ?? url))];
        where = $"the running API at {url}";
    }

    var https = addresses.Select(address =>
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = maxClients }) { BaseAddress = address.Http, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }).ToList();
    var grpcs = addresses.Select(address => new GrpcTransferClient(address.Grpc, token!)).ToList();
    var http = https[0];
    var turn = 0;
    // Transfers take turns between the APIs, so each serves its share of every client count.
    int NextApi() => (int)((uint)Interlocked.Increment(ref turn) % (uint)addresses.Count);

    var wallets = new string[walletCount];
    await Parallel.ForEachAsync(Enumerable.Range(0, walletCount), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        wallets[i] = await OpenFundedWalletAsync(http, "1000000.00"));
    var hot = await OpenFundedWalletAsync(http, "100000000.00");
    if (cluster is not null)
    {
        // pgbench's and the set-up's writes are flushed now, not by a checkpoint in the middle of a measured run.
        await ExecuteAsync(cluster.ConnectionString(), "checkpoint");
    }

    var uniform = new Mode("uniform", random =>
    {
        var source = random.Next(walletCount);
        var destination = (source + 1 + random.Next(walletCount - 1)) % walletCount;
        return (wallets[source], wallets[destination]);
    });
    var hotWallet = new Mode("hot wallet", random =>
        random.Next(2) == 0 ? (hot, wallets[random.Next(walletCount)]) : (wallets[random.Next(walletCount)], hot));

    var protocols = new List<(string Name, Send Send)>();
    if (protocol != "grpc")
    {
        protocols.Add(("REST", (source, destination, minor) => TransferOverRestAsync(https[NextApi()], source, destination, minor)));
    }

    if (protocol != "rest")
    {
        protocols.Add(("gRPC", (source, destination, minor) => TransferOverGrpcAsync(grpcs[NextApi()], source, destination, minor)));
    }

    Console.WriteLine($"WalletFlow load: {Environment.ProcessorCount} cores, {seconds} s per run, clients {string.Join(", ", clientCounts)}, {walletCount} wallets and a hot one, {where}");
    Console.WriteLine();
    Console.WriteLine($"{"protocol",-9} {"mode",-11} {"load",-14} {"commands/s",11} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"done",8} {"refused",8} {"failed",7} {"no answer",10} {"drain s",8} {"projected/s",12}");
    foreach (var (clients, tps) in pgbench)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"pgbench",-9} {"TPC-B",-11} {$"{clients} clients",-14} {tps,11:F0}"));
    }

    var results = new List<LoadResult>();
    foreach (var (name, send) in protocols)
    {
        // The first requests of a fresh process (or a fresh connection) pay for JIT and set-up: not measured.
        await DrainedAsync(await ClosedLoopAsync(name, uniform, Math.Min(16, maxClients), TimeSpan.FromSeconds(Math.Min(2, seconds)), send));
        foreach (var mode in new[] { uniform, hotWallet })
        {
            foreach (var clients in clientCounts)
            {
                results.Add(Print(await DrainedAsync(await ClosedLoopAsync(name, mode, clients, TimeSpan.FromSeconds(seconds), send))));
            }
        }
    }

    var best = results.GroupBy(result => (result.Protocol, result.Mode)).ToDictionary(group => group.Key, group => group.MaxBy(result => result.CommandsPerSecond)!);
    LoadResult? openLoop = null;
    if (best.TryGetValue((protocols[0].Name, uniform.Name), out var peak))
    {
        openLoop = Print(await DrainedAsync(await OpenLoopAsync(protocols[0].Name, uniform, peak.CommandsPerSecond * openShare, TimeSpan.FromSeconds(seconds * 2), protocols[0].Send)));
    }

    Console.WriteLine();
    if (pgbench.Count > 0)
    {
        var (clients, tps) = pgbench.MaxBy(run => run.Tps);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"best pgbench TPC-B: {tps:F0} tps at {clients} clients"));
    }

    foreach (var ((name, mode), result) in best)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"best {name} {mode}: {result.CommandsPerSecond:F0} commands/s at {result.Load}, p99 {result.Percentile(99):F1} ms{(result.ProjectedPerSecond is { } projected ? $", {projected:F0}/s committed and projected" : string.Empty)}"));
    }

    if (openLoop is not null)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{openLoop.Protocol} uniform open loop at {openShare:P0} of its best ({openLoop.Load}): {openLoop.CommandsPerSecond:F0} committed/s, p50 {openLoop.Percentile(50):F1} ms, p99 {openLoop.Percentile(99):F1} ms"));
    }

    var rest = best.GetValueOrDefault(("REST", uniform.Name));
    if (rest is not null && best.GetValueOrDefault(("gRPC", uniform.Name)) is { } grpcBest)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio gRPC uniform / REST uniform: {grpcBest.CommandsPerSecond / rest.CommandsPerSecond:F2}"));
    }

    if (rest is not null && pgbench.Count > 0)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio REST uniform / pgbench: {rest.CommandsPerSecond / pgbench.Max(run => run.Tps):F2}"));
    }

    if (peak is not null && best.GetValueOrDefault((peak.Protocol, hotWallet.Name)) is { } hotPeak)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio hot / uniform: {hotPeak.CommandsPerSecond / peak.CommandsPerSecond:F2}"));
    }

    var faults = results.Append(openLoop).OfType<LoadResult>().Where(result => !result.Clean).ToList();
    foreach (var fault in faults)
    {
        Console.Error.WriteLine($"{fault.Protocol} {fault.Mode} at {fault.Load}: {fault.Refused} refused, {fault.Failed} failed, {fault.Unanswered} unanswered; first: {fault.FirstFailure}");
    }

    var violations = new List<string>();
    if (books is not null)
    {
        // The invariants include an empty outbox: every run was drained, unless one did not drain in time.
        var drained = await OutboxDrainedAsync(books, TimeSpan.FromMinutes(2));
        Console.WriteLine(drained is not null ? "outbox: drained" : "outbox: not drained within 2 minutes");
        violations = await InvariantChecks.WalletCoreViolationsAsync(books, "main");
        Console.WriteLine(violations.Count == 0 ? "invariants: hold" : $"invariants: {violations.Count} broken");
        foreach (var violation in violations.Take(20))
        {
            Console.Error.WriteLine($"  {violation}");
        }
    }

    https.ForEach(client => client.Dispose());
    grpcs.ForEach(client => client.Dispose());
    return faults.Count == 0 && violations.Count == 0 ? 0 : 1;
}
finally
{
    foreach (var api in apis)
    {
        await api.DisposeAsync();
    }

    if (books is not null)
    {
        await books.DisposeAsync();
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

// Closed loop: each client sends its next transfer when the previous one is answered.
async Task<LoadResult> ClosedLoopAsync(string protocolName, Mode mode, int clients, TimeSpan duration, Send send)
{
    var recorder = new Recorder();
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
    {
        var random = new Random((client * 7919) + mode.Name.Length);
        while (clock.Elapsed < duration)
        {
            var (source, destination) = mode.NextPair(random);
            await recorder.SendAsync(send, source, destination, random.Next(1, 100), Stopwatch.GetTimestamp());
        }
    })));
    return recorder.Result(protocolName, mode.Name, $"{clients} clients", clock.Elapsed);
}

// Open loop: transfers leave on a fixed schedule whatever the answers do, as partners' traffic does; a slow answer
// delays no one, and the latency counts from when a transfer was due.
async Task<LoadResult> OpenLoopAsync(string protocolName, Mode mode, double rate, TimeSpan duration, Send send)
{
    var recorder = new Recorder();
    var random = new Random(4099);
    var total = (long)(rate * duration.TotalSeconds);
    var sent = new List<Task>((int)total);
    var start = Stopwatch.GetTimestamp();
    for (long next = 0; next < total; next++)
    {
        var due = start + (long)(next / rate * Stopwatch.Frequency);
        var early = due - Stopwatch.GetTimestamp();
        if (early > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds((double)early / Stopwatch.Frequency));
        }

        var (source, destination) = mode.NextPair(random);
        var cents = random.Next(1, 100);
        sent.Add(Task.Run(() => recorder.SendAsync(send, source, destination, cents, due)));
    }

    await Task.WhenAll(sent);
    return recorder.Result(protocolName, mode.Name, string.Create(CultureInfo.InvariantCulture, $"open {rate:F0}/s"), Stopwatch.GetElapsedTime(start));
}

// The outbox relays publish what a run committed; the next run starts once they have, so it pays only for its own.
async Task<LoadResult> DrainedAsync(LoadResult result) =>
    books is null ? result : result with { Drain = await OutboxDrainedAsync(books, TimeSpan.FromMinutes(2)) };

static LoadResult Print(LoadResult result)
{
    var drain = result.Drain is { } drained ? drained.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) : "-";
    var projected = result.ProjectedPerSecond is { } perSecond ? perSecond.ToString("F0", CultureInfo.InvariantCulture) : "-";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{result.Protocol,-9} {result.Mode,-11} {result.Load,-14} {result.CommandsPerSecond,11:F0} {result.Percentile(50),8:F1} {result.Percentile(95),8:F1} {result.Percentile(99),8:F1} {result.Done,8} {result.Refused,8} {result.Failed,7} {result.Unanswered,10} {drain,8} {projected,12}"));
    return result;
}

// Amounts of 0.01 to 0.99 USD, so no transfer is refused for funds.
static async Task<(Outcome Outcome, string? Failure)> TransferOverRestAsync(HttpClient http, string source, string destination, int cents)
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
        >= 200 and < 300 => (Outcome.Done, null),
        >= 400 and < 500 => (Outcome.Refused, $"{(int)response.StatusCode} {body}"),
        _ => (Outcome.Failed, $"{(int)response.StatusCode} {body}"),
    };
}

static async Task<(Outcome Outcome, string? Failure)> TransferOverGrpcAsync(GrpcTransferClient grpc, string source, string destination, int cents)
{
    var request = new GrpcTransferRequest { SourceWalletId = source, DestinationWalletId = destination, AmountMinor = cents, Currency = Currency };
    var result = await grpc.TransferAsync(request, $"load-{Guid.NewGuid():N}");
    return result.Status switch
    {
        0 => (Outcome.Done, null),
        // Statuses a correct server answers a request it refuses with (gRPC's own classification of client errors).
        3 or 5 or 6 or 7 or 9 or 10 or 16 => (Outcome.Refused, $"gRPC {result.Status}: {result.Message}"),
        _ => (Outcome.Failed, $"gRPC {result.Status}: {result.Message}"),
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

static async Task<TimeSpan?> OutboxDrainedAsync(NpgsqlDataSource books, TimeSpan limit)
{
    var waited = System.Diagnostics.Stopwatch.StartNew();
    while (waited.Elapsed < limit)
    {
        await using var pending = books.CreateCommand("select count(*) from core.outbox where published_at is null");
        if ((long)(await pending.ExecuteScalarAsync())! == 0)
        {
            return waited.Elapsed;
        }

        await Task.Delay(200);
    }

    return null;
}
