using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Npgsql;
using WalletFlow.Bench;
using WalletFlow.Bench.Ledger;
using WalletFlow.Ledger;
using WalletFlow.Ledger.Embedded;
using WalletFlow.Postgres.Embedded;
using WalletFlow.Postgres.Migrations;

// Bounded and self-stopping: every scenario runs for --seconds with --workers concurrent callers, on a durable
// cluster of its own (fsync on, as in production), then pgbench's TPC-B-like workload runs on the same cluster.
var seconds = Option("--seconds", 5);
var workers = Option("--workers", 8);
const int Accounts = 1_000;
const string Book = "bench";
const string Asset = "USD/2";

var root = Path.Combine(Path.GetTempPath(), "walletflow-bench", Guid.NewGuid().ToString("N"));
await using var cluster = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { RootDirectory = root, Durable = true });
try
{
    await ExecuteAsync(cluster.ConnectionString(), "create database ledger_bench");
    await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(cluster.ConnectionString("ledger_bench")) { MaxPoolSize = workers * 2, MaxAutoPrepare = 64 }.ConnectionString);
    await new MigrationRunner(dataSource).ApplyAsync();
    var ledger = new EmbeddedLedger(dataSource, TimeProvider.System);
    await ledger.CreateLedgerAsync(Book);
    await FundAsync(ledger);

    Console.WriteLine($"WalletFlow embedded ledger benchmark: {Environment.ProcessorCount} cores, {workers} workers, {seconds} s per scenario, durable Postgres");
    Console.WriteLine();
    Console.WriteLine($"{"scenario",-22} {"tx/s",10} {"postings/s",11} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"failed",7}");

    var results = new List<ScenarioResult>();
    foreach (var batchSize in new[] { 1, 10, 100 })
    {
        results.Add(await RunAsync(ledger, new Scenario($"uniform, batch {batchSize}", batchSize, random =>
            Transfer(Wallet(random.Next(Accounts)), Wallet(random.Next(Accounts)), random))));
        results.Add(await RunAsync(ledger, new Scenario($"hot account, batch {batchSize}", batchSize, random =>
            Transfer("treasury:hot", Wallet(random.Next(Accounts)), random))));
    }

    var pgbench = await (await Pgbench.InitializeAsync(cluster, scale: 10)).RunAsync(workers, seconds * 2);
    Console.WriteLine();
    Console.WriteLine($"pgbench TPC-B-like (scale 10, {workers} clients, {seconds * 2} s): {pgbench:F0} tps");
    var single = results.First(result => result.Scenario.Name == "uniform, batch 1");
    var best = results.MaxBy(result => result.TransactionsPerSecond)!;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio, single ledger transactions / pgbench: {single.TransactionsPerSecond / pgbench:F2}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio, best batched ({best.Scenario.Name}) / pgbench: {best.TransactionsPerSecond / pgbench:F2}"));
}
finally
{
    await cluster.StopAsync();
    Directory.Delete(root, recursive: true);
}

async Task<ScenarioResult> RunAsync(EmbeddedLedger ledger, Scenario scenario)
{
    var latencies = new ConcurrentBag<double>();
    long calls = 0, transactions = 0, postings = 0, failures = 0;
    var clock = Stopwatch.StartNew();
    var deadline = TimeSpan.FromSeconds(seconds);
    await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
    {
        var random = new Random(worker * 7919 + scenario.BatchSize);
        while (clock.Elapsed < deadline)
        {
            var batch = Enumerable.Range(0, scenario.BatchSize).Select(_ => scenario.NextTransaction(random)).ToList();
            var started = Stopwatch.GetTimestamp();
            var results = await ledger.PostBatchAsync(Book, batch);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Interlocked.Increment(ref calls);
            foreach (var result in results)
            {
                if (result.IsSuccess)
                {
                    Interlocked.Increment(ref transactions);
                    Interlocked.Add(ref postings, result.Value.Transaction.Postings.Count);
                }
                else
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }
    })));

    var result = new ScenarioResult(scenario, calls, transactions, postings, failures, clock.Elapsed, [.. latencies]);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{scenario.Name,-22} {result.TransactionsPerSecond,10:F0} {result.PostingsPerSecond,11:F0} {result.Percentile(50),8:F2} {result.Percentile(95),8:F2} {result.Percentile(99),8:F2} {failures,7}"));
    return result;
}

async Task FundAsync(EmbeddedLedger ledger)
{
    var funding = Enumerable.Range(0, Accounts)
        .Select(i => new Posting("world", Wallet(i), 1_000_000_000, Asset))
        .Append(new Posting("world", "treasury:hot", 1_000_000_000_000, Asset))
        .Chunk(100)
        .Select(postings => TransactionRequest.FromPostings(postings))
        .ToList();
    var results = await ledger.PostBatchAsync(Book, funding);
    if (results.Any(result => !result.IsSuccess))
    {
        throw new InvalidOperationException($"Funding failed: {results.First(result => !result.IsSuccess).Error}");
    }
}

static async Task ExecuteAsync(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

static TransactionRequest Transfer(string from, string to, Random random) =>
    TransactionRequest.FromPostings(new Posting(from, to, random.Next(1, 1_000), Asset));

static string Wallet(int index) => $"wallets:b{index:D4}:available";

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
