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

// Bounded and self-stopping: sets up --wallets funded wallets and one hot wallet through REST, then each mode drives
// REST transfers from --clients concurrent clients for --seconds. By default on an API of its own (a child process in
// Production on a durable cluster of its own, as deployed); with --url and --token, on a running API (it then adds
// its wallets and pay-ins to that API's books).
var seconds = IntOption("--seconds", 10);
var clients = IntOption("--clients", 16);
var walletCount = IntOption("--wallets", 100);
var url = StringOption("--url");
var token = StringOption("--token");
if ((url is null) != (token is null))
{
    Console.Error.WriteLine("Give both --url and --token (the API's AUTH_TOKEN), or neither to start an API of its own.");
    return 2;
}

const string Currency = "USD";
const string WarmUp = "warm-up";
const int Success = 0, ClientError = 1, ServerError = 2;
string? root = null;
EmbeddedPostgres? cluster = null;
ApiChild? api = null;
try
{
    string where;
    Uri address;
    if (url is null)
    {
        root = Path.Combine(Path.GetTempPath(), "walletflow-bench", Guid.NewGuid().ToString("N"));
        cluster = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { RootDirectory = root, Durable = true });
        await ExecuteAsync(cluster.ConnectionString(), "create database load_bench");
        token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        api = await ApiChild.StartAsync(cluster.ConnectionString("load_bench"), token);
        address = api.Address;
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

    // The first requests of a fresh process pay for JIT and connection set-up: not measured.
    await RunAsync(http, new Mode(WarmUp, uniform.NextPair), TimeSpan.FromSeconds(Math.Min(2, seconds)));

    Console.WriteLine($"WalletFlow REST load: {Environment.ProcessorCount} cores, {clients} clients, {seconds} s per mode, {walletCount} wallets and a hot one, {where}");
    Console.WriteLine();
    Console.WriteLine($"{"mode",-12} {"commands/s",11} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"2xx",8} {"4xx",6} {"5xx",6} {"no answer",10}");
    foreach (var mode in new[] { uniform, hotWallet })
    {
        var result = await RunAsync(http, mode, TimeSpan.FromSeconds(seconds));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{mode.Name,-12} {result.CommandsPerSecond,11:F0} {result.Percentile(50),8:F1} {result.Percentile(95),8:F1} {result.Percentile(99),8:F1} {result.Success,8} {result.ClientErrors,6} {result.ServerErrors,6} {result.TransportErrors,10}"));
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

async Task<LoadResult> RunAsync(HttpClient http, Mode mode, TimeSpan duration)
{
    var latencies = new ConcurrentBag<double>();
    // By status class: 2xx, 4xx, anything else.
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
            var amount = string.Create(CultureInfo.InvariantCulture, $"0.{random.Next(1, 100):D2}");
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/transfers", UriKind.Relative))
            {
                Content = JsonContent.Create(new { sourceWalletId = source, destinationWalletId = destination, amount, currency = Currency }),
            };
            request.Headers.Add("Idempotency-Key", $"load-{Guid.NewGuid():N}");
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Increment(ref answers[(int)response.StatusCode switch
                {
                    >= 200 and < 300 => Success,
                    >= 400 and < 500 => ClientError,
                    _ => ServerError,
                }]);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.CompareExchange(ref firstFailure, $"{(int)response.StatusCode} {body}", null);
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

    return new LoadResult(mode, answers[Success], answers[ClientError], answers[ServerError], transportErrors, clock.Elapsed, [.. latencies]);
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
