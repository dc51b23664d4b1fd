using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Application.Reconciliation;
using WalletFlow.Application.Statements;
using WalletFlow.Ledger;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Reconciliation;

/// <summary>
/// The four gates over a real database: green on books the wallet core wrote, each turned red by an inconsistency
/// crafted behind the wallet core's back, with the mismatch named, an alert raised and a metric counted, and green
/// again once the playbook's fix is applied. The scheduled run runs each slot once between two APIs.
/// </summary>
public sealed class ReconciliationGateTests(PostgresFixture postgres) : IAsyncLifetime
{
    private WalletCoreHost _host = null!;

    /// <summary>A fresh environment's first boot (seed 000): the templates are loaded before the gates can pass.</summary>
    public async ValueTask InitializeAsync()
    {
        _host = await WalletCoreHost.StartAsync(postgres, nameof(ReconciliationGateTests));
        Assert.True((await RebuildTemplatesAsync()).IsSuccess);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.AssertInvariantsAsync();
        await _host.DisposeAsync();
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private ILedger Ledger => _host.Factory.Services.GetRequiredService<ILedger>();

    [Fact]
    public async Task Books_the_wallet_core_wrote_pass_every_gate_with_their_figures()
    {
        var wallet = await FundedWalletAsync("100.00");
        await _host.PostAsync("/v1/payouts", new { walletId = wallet, amount = "30.00", currency = "USD", provider = "wise", bankId = "citi" });
        var other = await FundedWalletAsync("5.00");
        await _host.PostAsync("/v1/transfers", new { sourceWalletId = wallet, destinationWalletId = other, amount = "1.50", currency = "USD" });
        await _host.CatchUpAsync();

        var run = await RunAsync();

        Assert.True(run.GetProperty("passed").GetBoolean(), run.ToString());
        Assert.Equal(["trial_balance", "holds", "statements", "chart_of_accounts"], Gates(run).Select(gate => gate.GetProperty("gate").GetString()));
        Assert.Equal("1", Figure(run, "holds", "Open holds"));
        Assert.Equal("2", Figure(run, "statements", "Wallets with a statement"));
        Assert.Equal("105.00", Figure(run, "trial_balance", "USD debits"));
        Assert.Equal("105.00", Figure(run, "trial_balance", "USD credits"));
        Assert.Equal(0L, await OpenAlertsAsync());
        var stored = await _host.GetAsync($"/v1/reconciliation/runs/{run.GetProperty("runId").GetString()}");
        Assert.Equal(run.ToString(), stored.Body.ToString());
        Assert.Equal("operator", stored.Body.GetProperty("trigger").GetString());
    }

    [Fact]
    public async Task A_one_legged_posting_turns_the_trial_balance_red_until_it_is_reverted()
    {
        await FundedWalletAsync("10.00");
        var stray = (await Ledger.PostAsync("main", TransactionRequest.FromPostings(new Posting("world", "suspense", 700, "USD/2")), Cancel)).Value;

        var red = await RunAsync();
        await Ledger.RevertAsync("main", new RevertRequest(stray.Transaction.Id), Cancel);
        var green = await RunAsync();

        Assert.Equal(["USD: debits 10.00, credits 17.00"], Mismatches(red, "trial_balance"));
        Assert.Equal(["trial_balance"], Gates(red).Where(gate => !gate.GetProperty("passed").GetBoolean()).Select(gate => gate.GetProperty("gate").GetString()));
        Assert.True(green.GetProperty("passed").GetBoolean(), green.ToString());
        Assert.Equal(1L, await _host.ScalarAsync<long>("select count(*) from core.alerts where source = 'reconciliation' and key = 'trial_balance' and resolved_at is not null"));
    }

    [Fact]
    public async Task A_hold_row_that_disagrees_with_its_ledger_balance_turns_the_holds_gate_red_until_it_is_mended()
    {
        var wallet = await FundedWalletAsync("50.00");
        var hold = (await _host.PostAsync("/v1/payouts", new { walletId = wallet, amount = "20.00", currency = "USD", provider = "wise", bankId = "citi" })).Data.GetProperty("holdId").GetString();
        await _host.CatchUpAsync();
        await _host.ScalarAsync<int>($"with bent as (update core.holds set amount = 2100 where id = '{hold}' returning 1) select count(*)::int from bent");

        var red = await RunAsync();
        var alert = await _host.ScalarAsync<string>("select message from core.alerts where source = 'reconciliation' and key = 'holds' and resolved_at is null");
        await _host.ScalarAsync<int>($"with mended as (update core.holds set amount = 2000 where id = '{hold}' returning 1) select count(*)::int from mended");
        var green = await RunAsync();

        Assert.Equal([$"wallets:{wallet}:holds:{hold}: hold row 2100 (reserved), ledger balance 2000 (minor units)"], Mismatches(red, "holds"));
        Assert.Contains("is red: 1 mismatch(es)", alert, StringComparison.Ordinal);
        Assert.True(green.GetProperty("passed").GetBoolean(), green.ToString());
        Assert.Equal(0L, await OpenAlertsAsync());
    }

    [Fact]
    public async Task A_damaged_statement_turns_the_statements_gate_red_until_the_statements_are_rebuilt()
    {
        var wallet = await FundedWalletAsync("40.00");
        await _host.CatchUpAsync();
        var transaction = await _host.ScalarAsync<long>($"select ledger_transaction_id from core.statement_lines where wallet_id = '{wallet}'");
        await _host.ScalarAsync<int>($"with bent as (update core.statement_lines set available_change = 3900, available_after = 3900 where wallet_id = '{wallet}' returning 1) select count(*)::int from bent");
        await _host.ScalarAsync<int>($"with bent as (update core.statement_heads set available = 3900 where wallet_id = '{wallet}' returning 1) select count(*)::int from bent");

        var red = await RunAsync();
        await _host.PostAsync("/v1/statement-rebuilds", new { reason = "the statements gate is red" });
        Assert.True(await _host.Factory.Services.GetRequiredService<StatementRebuilder>().RunAsync(Cancel));
        var green = await RunAsync();

        Assert.Equal([$"statement line {wallet}/{transaction} says 3900/0/0, the ledger 4000/0/0"], Mismatches(red, "statements"));
        Assert.True(green.GetProperty("passed").GetBoolean(), green.ToString());
    }

    [Fact]
    public async Task Gates_run_while_money_moves_stay_green_because_they_read_one_snapshot()
    {
        var wallets = new[] { await FundedWalletAsync("500.00"), await FundedWalletAsync("500.00") };
        using var stop = new CancellationTokenSource();
        var traffic = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                await _host.PostAsync("/v1/transfers", new { sourceWalletId = wallets[i % 2], destinationWalletId = wallets[(i + 1) % 2], amount = "0.25", currency = "USD" });
                await _host.PostAsync("/v1/payouts", new { walletId = wallets[i % 2], amount = "0.10", currency = "USD", provider = "wise", bankId = "citi" });
                if (i % 5 == 0)
                {
                    await _host.CatchUpAsync();
                }
            }
        });

        var runs = new List<JsonElement>();
        for (var i = 0; i < 5; i++)
        {
            runs.Add(await RunAsync());
        }

        await stop.CancelAsync();
        await traffic;
        Assert.All(runs, run => Assert.True(run.GetProperty("passed").GetBoolean(), run.ToString()));
        Assert.True(await _host.ScalarAsync<long>("select count(*) from core.holds") > 0);
    }

    [Fact]
    public async Task A_movement_whose_event_is_unpublished_awaits_projection_and_is_no_mismatch()
    {
        await FundedWalletAsync("8.00");

        var run = await RunAsync();

        Assert.True(run.GetProperty("passed").GetBoolean(), run.ToString());
        Assert.Equal("1", Figure(run, "statements", "Movements awaiting projection"));
        await _host.CatchUpAsync();
        Assert.Equal("0", Figure(await RunAsync(), "statements", "Movements awaiting projection"));
    }

    [Fact]
    public async Task An_address_outside_the_chart_turns_the_chart_gate_red()
    {
        var stray = (await Ledger.PostAsync("main", TransactionRequest.FromPostings(new Posting("world", "mystery:account", 100, "USD/2")), Cancel)).Value;
        await Ledger.RevertAsync("main", new RevertRequest(stray.Transaction.Id), Cancel);

        var run = await RunAsync();

        Assert.Equal(["mystery:account matches no pattern of the chart of accounts"], Mismatches(run, "chart_of_accounts"));
        Assert.True(Gate(run, "trial_balance").GetProperty("passed").GetBoolean());
    }

    [Fact]
    public async Task A_template_missing_from_the_loaded_catalog_turns_the_chart_gate_red_until_the_templates_are_rebuilt()
    {
        await _host.ScalarAsync<int>("with gone as (delete from core.numscript_templates where name = 'payin' returning 1) select count(*)::int from gone");

        var red = await RunAsync();
        await RebuildTemplatesAsync();
        var green = await RunAsync();

        Assert.Equal("1", Figure(red, "chart_of_accounts", "Template differences"));
        Assert.Contains("payin", Assert.Single(Mismatches(red, "chart_of_accounts")), StringComparison.Ordinal);
        Assert.True(green.GetProperty("passed").GetBoolean(), green.ToString());
    }

    [Fact]
    public async Task The_schedule_runs_each_slot_once_between_two_apis()
    {
        await using var second = await _host.StartBesideAsync();
        var runners = new[] { _host, second }.Select(host => host.Factory.Services.GetRequiredService<ReconciliationRunner>()).ToList();

        var outcomes = await Task.WhenAll(runners.Select(runner => runner.RunScheduledAsync(TimeSpan.FromHours(1), Cancel)));

        var ran = Assert.Single(outcomes, outcome => outcome is not null);
        Assert.Equal("schedule", ran!.Value.Value.Trigger);
        Assert.Null(await runners[0].RunScheduledAsync(TimeSpan.FromHours(1), Cancel));
        Assert.Equal(1L, await _host.ScalarAsync<long>("select count(*) from core.reconciliation_runs where trigger = 'schedule'"));
    }

    [Fact]
    public async Task A_red_gate_is_counted_by_the_metric()
    {
        using var metrics = new MetricsRecorder(_host.Factory.Services, ReconciliationMetrics.MeterName);
        var stray = (await Ledger.PostAsync("main", TransactionRequest.FromPostings(new Posting("world", "suspense", 1, "USD/2")), Cancel)).Value;

        await RunAsync();
        var redGates = metrics.Observe("walletflow.reconciliation.red_gates");
        await Ledger.RevertAsync("main", new RevertRequest(stray.Transaction.Id), Cancel);
        await RunAsync();

        Assert.Equal(1, redGates);
        Assert.Equal(0, metrics.Observe("walletflow.reconciliation.red_gates"));
        Assert.Equal(
            [(1, "gate=trial_balance,outcome=failed"), (1, "gate=holds,outcome=passed"), (1, "gate=statements,outcome=passed"), (1, "gate=chart_of_accounts,outcome=passed")],
            metrics.Tagged("walletflow.reconciliation.gate_verdicts").Take(4));
    }

    [Fact]
    public async Task An_unknown_run_id_is_not_found_and_a_malformed_one_is_refused()
    {
        (await _host.GetAsync("/v1/reconciliation/runs/rcn_0192f0c1a2b37c4d8e9f0a1b2c3d4e5f")).AssertRejected(HttpStatusCode.NotFound, "NOT_FOUND");
        (await _host.GetAsync("/v1/reconciliation/runs/run-1")).AssertRejected(HttpStatusCode.BadRequest, "INVALID_ID");
        Assert.Equal(0L, await _host.ScalarAsync<long>("select count(*) from core.reconciliation_runs"));
    }

    private Task<WalletFlow.Domain.Errors.Result<WalletFlow.Application.ChartOfAccounts.CatalogChange>> RebuildTemplatesAsync() =>
        _host.Factory.Services.GetRequiredService<WalletFlow.Application.ChartOfAccounts.RebuildFromBundle>()
            .RebuildTemplatesAsync(WalletFlow.Application.Commands.Caller.Admin("reconciliation test"), Cancel);

    private async Task<string> FundedWalletAsync(string amount)
    {
        var wallet = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, amount);
        return wallet;
    }

    private async Task<JsonElement> RunAsync()
    {
        var response = await _host.PostAsync("/v1/reconciliation/runs", new { });
        Assert.Equal(HttpStatusCode.Created, response.Status);
        return response.Body;
    }

    private Task<long> OpenAlertsAsync() => _host.ScalarAsync<long>("select count(*) from core.alerts where resolved_at is null");

    private static IEnumerable<JsonElement> Gates(JsonElement run) => run.GetProperty("gates").EnumerateArray();

    private static JsonElement Gate(JsonElement run, string gate) => Gates(run).Single(candidate => candidate.GetProperty("gate").GetString() == gate);

    private static string? Figure(JsonElement run, string gate, string name) =>
        Gate(run, gate).GetProperty("figures").EnumerateArray().Single(figure => figure.GetProperty("name").GetString() == name).GetProperty("value").GetString();

    private static List<string?> Mismatches(JsonElement run, string gate) => [.. Gate(run, gate).GetProperty("mismatches").EnumerateArray().Select(line => line.GetString())];
}
