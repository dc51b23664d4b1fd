using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WalletFlow.Application.ChartOfAccounts;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Reconciliation;
using WalletFlow.Application.Reporting;
using WalletFlow.Ledger;
using WalletFlow.Ledger.Embedded;
using WalletFlow.Persistence;
using WalletFlow.Persistence.Commands;
using WalletFlow.Postgres.Embedded;
using WalletFlow.Postgres.Migrations;

// Bounded and self-stopping: loads --postings postings (pay-ins into --wallets wallets, two postings each, with their
// statement lines) into a durable cluster of its own, then times each read --repeat times and prints the figures.
// Exits non-zero when a gate is red on these books, which the wallet core's rules make consistent.
var postings = Option("--postings", 1_000_000);
var wallets = Option("--wallets", 10_000);
var repeat = Option("--repeat", 3);
const string Book = "main";

var root = Path.Combine(Path.GetTempPath(), "walletflow-bench", Guid.NewGuid().ToString("N"));
await using var cluster = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { RootDirectory = root, Durable = true });
try
{
    await using var admin = NpgsqlDataSource.Create(cluster.ConnectionString());
    await admin.CreateCommand("create database recon_bench").ExecuteNonQueryAsync();
    await using var dataSource = NpgsqlDataSource.Create(cluster.ConnectionString("recon_bench"));
    await new MigrationRunner(dataSource).ApplyAsync();
    var ledger = new EmbeddedLedger(dataSource, TimeProvider.System);
    await ledger.CreateLedgerAsync(Book);

    var loading = Stopwatch.StartNew();
    await LoadAsync(dataSource, postings / 2, wallets);
    Console.WriteLine($"WalletFlow reconciliation benchmark: {Environment.ProcessorCount} cores, durable Postgres");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"loaded {postings:N0} postings ({postings / 2:N0} pay-ins into {wallets:N0} wallets, with their statement lines) in {loading.Elapsed.TotalSeconds:F1} s"));
    Console.WriteLine();

    await using var services = new ServiceCollection()
        .AddSingleton(dataSource)
        .AddSingleton(TimeProvider.System)
        .AddSingleton<ILedger>(ledger)
        .AddPostgresPersistence(new CommandLedger(Book))
        .AddMetrics()
        .AddSingleton<ReconciliationMetrics>()
        .AddSingleton<ReconciliationRunner>()
        .AddSingleton<ReportingQueries>()
        .BuildServiceProvider();
    // A fresh environment's first boot loads the bundled templates, as an admin does from the Ledger page.
    if ((await services.GetRequiredService<RebuildFromBundle>().RebuildTemplatesAsync(Caller.Admin("bench"), CancellationToken.None)).Error is { } refused)
    {
        throw new InvalidOperationException($"The templates did not load: {refused}");
    }

    var runner = services.GetRequiredService<ReconciliationRunner>();
    var reports = services.GetRequiredService<ReportingQueries>();
    var halfway = DateTimeOffset.UtcNow.AddSeconds(-postings / 4).ToString("O", CultureInfo.InvariantCulture);

    Console.WriteLine($"{"read",-40} {"best s",8} {"median s",9}");
    var run = await TimeAsync("the four gates (one snapshot)", () => runner.RunAsync(RunTrigger.Operator, "bench", CancellationToken.None));
    await TimeAsync("trial balance, now", () => reports.GetTrialBalanceAsync(null, null, null, CancellationToken.None));
    await TimeAsync("trial balance, halfway by effective date", () => reports.GetTrialBalanceAsync(halfway, "effective", null, CancellationToken.None));
    await TimeAsync("trial balance, halfway by insertion date", () => reports.GetTrialBalanceAsync(halfway, "insertion", null, CancellationToken.None));
    await TimeAsync("ALM view, now", () => reports.GetAlmAsync(null, CancellationToken.None));

    Console.WriteLine();
    foreach (var gate in run.Gates)
    {
        Console.WriteLine($"gate {gate.Gate}: {(gate.Passed ? "green" : "RED")} ({string.Join(", ", gate.Figures.Select(figure => $"{figure.Name} {figure.Value}"))})");
    }

    return run.Passed ? 0 : 1;
}
finally
{
    await cluster.StopAsync();
    Directory.Delete(root, recursive: true);
}

async Task<T> TimeAsync<T>(string name, Func<Task<WalletFlow.Domain.Errors.Result<T>>> read)
{
    var seconds = new List<double>();
    T last = default!;
    for (var i = 0; i < repeat; i++)
    {
        var clock = Stopwatch.StartNew();
        last = (await read()).Value;
        seconds.Add(clock.Elapsed.TotalSeconds);
    }

    seconds.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-40} {seconds[0],8:F2} {seconds[seconds.Count / 2],9:F2}"));
    return last;
}

// Pay-ins one second apart, ending now: each sends from world to the bank and to a wallet, as postPayin does.
static async Task LoadAsync(NpgsqlDataSource dataSource, int payins, int wallets)
{
    string[] steps =
    [
        $"""
        insert into core.wallets (id, merchant_id, currency, created_at)
        select 'wal_' || lpad(to_hex(w), 32, '0'), 'bench', 'USD', now() from generate_series(1, {wallets}) w
        """,
        $"""
        create temporary table payins as
        select t as id, 'wal_' || lpad(to_hex(t % {wallets} + 1), 32, '0') as wallet_id, (100 + t % 9900)::numeric as amount,
               now() - make_interval(secs => {payins} - t) as at
        from generate_series(1, {payins}) t
        """,
        """
        insert into ledger.transactions (ledger, id, effective_at, inserted_at, metadata, post_commit_volumes)
        select 'main', id, at, at, '{"event_type": "payin"}', '{}' from payins
        """,
        """
        insert into ledger.postings (ledger, transaction_id, index, source, destination, asset, amount, effective_at)
        select 'main', id, 0, 'world', 'banks:citi:USD', 'USD/2', amount, at from payins
        union all
        select 'main', id, 1, 'world', 'wallets:' || wallet_id || ':available', 'USD/2', amount, at from payins
        """,
        """
        insert into ledger.volumes (ledger, account, asset, input, output)
        select 'main', account, 'USD/2', sum(input), sum(output)
        from (select destination as account, amount as input, 0 as output from ledger.postings
              union all select source, 0, amount from ledger.postings) moves
        group by account
        """,
        """
        insert into ledger.accounts (ledger, address) select ledger, account from ledger.volumes
        """,
        """
        insert into core.statement_lines (wallet_id, ledger_transaction_id, event_type, effective_at, currency, available_change, held_change, reserved_change,
                                          available_after, held_after, reserved_after, postings)
        select wallet_id, id, 'payin', at, 'USD', amount, 0, 0, sum(amount) over (partition by wallet_id order by id), 0, 0, '[]' from payins
        """,
        """
        insert into core.statement_heads (wallet_id, last_ledger_transaction_id, available, lines)
        select wallet_id, max(id), sum(amount), count(*) from payins group by wallet_id
        """,
        "analyze",
    ];
    await using var connection = await dataSource.OpenConnectionAsync();
    foreach (var step in steps)
    {
        await using var command = new NpgsqlCommand(step, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
