using System.Text;
using Npgsql;
using WalletFlow.Application.ChartOfAccounts;
using WalletFlow.Application.Commands;
using WalletFlow.Domain.ChartOfAccounts;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Templates;
using WalletFlow.Persistence.ChartOfAccounts;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Application.ChartOfAccounts;

/// <summary>
/// The stored catalog over a real database: empty until rebuilt, rebuilds idempotent and audited, uploads refused whole
/// with nothing applied, drift listing each crafted difference and none after a rebuild.
/// </summary>
public sealed class ChartCatalogTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly Caller Admin = Caller.Admin("ada@example.com");
    private readonly AdjustableClock _clock = new();
    private NpgsqlDataSource _database = null!;
    private ChartCatalog _catalog = null!;
    private RebuildFromBundle _rebuild = null!;
    private IngestChart _ingest = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync(nameof(ChartCatalogTests)));
        var store = new PostgresChartCatalogStore(_database);
        _catalog = new ChartCatalog(store);
        _rebuild = new RebuildFromBundle(store, _clock);
        _ingest = new IngestChart(store, _clock);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task A_fresh_database_stores_nothing_loads_the_bundled_chart_and_drifts_by_everything_bundled()
    {
        var drift = await _catalog.DetectDriftAsync(Cancel);

        Assert.Same(AccountChart.Bundled, await _catalog.LoadedChartAsync(Cancel));
        Assert.Equal(TemplateCatalog.All, await _catalog.LoadedTemplatesAsync(Cancel));
        var bundled = AccountChart.Bundled;
        Assert.Equal(bundled.Accounts.Count + bundled.Mappings.Count + bundled.Events.Count + TemplateCatalog.All.Count, drift.Missing);
        Assert.Equal((0, 0), (drift.Extra, drift.Changed));
        Assert.Contains("GL account 1010 (Cash at banks) is bundled but not stored.", drift.Differences);
        Assert.Contains("Template payin is bundled but not stored.", drift.Differences);
    }

    [Fact]
    public async Task A_rebuild_stores_the_bundle_once_and_a_second_run_changes_nothing_and_says_so_both_audited()
    {
        var first = (await _rebuild.RebuildChartAsync(Admin, Cancel)).Value;
        _clock.Advance(TimeSpan.FromMinutes(1));
        var second = (await _rebuild.RebuildChartAsync(Admin, Cancel)).Value;
        var templates = (await _rebuild.RebuildTemplatesAsync(Admin, Cancel)).Value;
        var templatesAgain = (await _rebuild.RebuildTemplatesAsync(Admin, Cancel)).Value;

        Assert.True(first.Changed);
        Assert.Null(first.DigestBefore);
        Assert.Equal(AccountChart.Bundled.ToCsv().Digest, first.DigestAfter);
        Assert.False(second.Changed);
        Assert.Equal((first.DigestAfter, first.DigestAfter), (second.DigestBefore, second.DigestAfter));
        Assert.Equal((14, 14, 19, (int?)null), (second.GlAccounts, second.AddressMappings, second.EventMappings, second.Templates));
        Assert.Equal((true, false, 18), (templates.Changed, templatesAgain.Changed, templatesAgain.Templates!.Value));
        var history = await _catalog.HistoryAsync(Cancel);
        Assert.Equal(
            [("rebuild-templates", false), ("rebuild-templates", true), ("rebuild-coa", false), ("rebuild-coa", true)],
            history.Select(change => (change.Action, change.Changed)));
        Assert.All(history, change => Assert.Equal("ada@example.com", change.Actor));
        Assert.True(history[0].At >= history[^1].At.AddMinutes(1));
        Assert.Equal(4L, await CountAsync("core.catalog_changes"));
    }

    [Fact]
    public async Task After_both_rebuilds_there_is_no_drift_and_the_stored_chart_is_the_loaded_one()
    {
        await _rebuild.RebuildChartAsync(Admin, Cancel);
        await _rebuild.RebuildTemplatesAsync(Admin, Cancel);

        var drift = await _catalog.DetectDriftAsync(Cancel);

        Assert.Equal(new ChartDrift([], 0, 0, 0, 0), drift with { Differences = [] });
        Assert.Empty(drift.Differences);
        Assert.NotSame(AccountChart.Bundled, await _catalog.LoadedChartAsync(Cancel));
        Assert.Equal(AccountChart.Bundled.ToCsv(), (await _catalog.LoadedChartAsync(Cancel)).ToCsv());
    }

    [Fact]
    public async Task Drift_lists_each_crafted_difference_counting_the_templates_apart_then_none_after_a_rebuild()
    {
        await _rebuild.RebuildChartAsync(Admin, Cancel);
        await _rebuild.RebuildTemplatesAsync(Admin, Cancel);
        await ExecuteAsync(
            """
            update core.chart_gl_accounts set name = 'Bank cash' where gl_code = '1010';
            insert into core.chart_gl_accounts (gl_code, position, name, class, normal_balance, description) values ('6010', 99, 'Bank fees', 'expense', 'debit', 'x');
            delete from core.chart_address_mappings where pattern = 'corrections';
            update core.chart_event_lines set gl_code = '2020' where event_type = 'payout_release' and side = 'credit';
            update core.numscript_templates set text = text || '// edited', digest = encode(sha256(convert_to(text || '// edited', 'UTF8')), 'hex') where name = 'payin';
            delete from core.numscript_templates where name = 'transfer';
            """);

        var drift = await _catalog.DetectDriftAsync(Cancel);
        var chartRebuild = (await _rebuild.RebuildChartAsync(Admin, Cancel)).Value;
        await _rebuild.RebuildTemplatesAsync(Admin, Cancel);
        var after = await _catalog.DetectDriftAsync(Cancel);

        Assert.Equal(
            [
                "GL account 1010 (Cash at banks) differs: name is 'Bank cash' stored, 'Cash at banks' bundled.",
                "GL account 6010 (Bank fees) is stored but not bundled.",
                "Address pattern 'corrections' (GL 5010) is bundled but not stored.",
                "Event type payout_release differs: credit GL codes is '2020' stored, '2010' bundled.",
                "Template payin differs: the stored text (sha256 ",
                "Template transfer is bundled but not stored.",
            ],
            drift.Differences.Select(d => d.StartsWith("Template payin", StringComparison.Ordinal) ? d[..d.IndexOf("sha256 ", StringComparison.Ordinal)] + "sha256 " : d));
        Assert.Equal((2, 1, 3, 2), (drift.Missing, drift.Extra, drift.Changed, drift.TemplateDifferences));
        Assert.True(chartRebuild.Changed);
        Assert.NotEqual(chartRebuild.DigestBefore, chartRebuild.DigestAfter);
        Assert.Empty(after.Differences);
    }

    public static TheoryData<string, string, string, int, string?> MalformedUploads => new()
    {
        { "gl_accounts.csv", "gl_code,name,class,normal_balance\n1010,Cash,asset,debit\n", "gl_accounts.csv", 1, "description" },
        { "gl_accounts.csv", Bundled(0).Replace("1010,Cash at banks,asset,", "1010,Cash at banks,assets,", StringComparison.Ordinal), "gl_accounts.csv", 2, "class" },
        { "gl_accounts.csv", Bundled(0).Replace("1020,GPS prefunded pool,asset,debit", "1020,GPS prefunded pool,asset,dr", StringComparison.Ordinal), "gl_accounts.csv", 3, "normal_balance" },
        { "gl_accounts.csv", Bundled(0) + "1010,Cash again,asset,debit,Again\n", "gl_accounts.csv", 16, "gl_code" },
        { "account_map.csv", Bundled(1) + "extra:*,7777\n", "account_map.csv", 16, "gl_code" },
        { "event_map.csv", "", "event_map.csv", 1, null },
    };

    [Theory]
    [MemberData(nameof(MalformedUploads))]
    public async Task A_malformed_upload_is_refused_at_its_line_and_column_and_the_stored_chart_is_unchanged(string file, string text, string problemFile, int line, string? column)
    {
        var stored = (await _rebuild.RebuildChartAsync(Admin, Cancel)).Value.DigestAfter;

        var error = (await _ingest.RunAsync(new IngestChartRequest(Upload(file, Encoding.UTF8.GetBytes(text))), Admin, Cancel)).Error!;

        Assert.Equal(ErrorCodes.ChartUploadInvalid, error.Code);
        var detail = Assert.Single(error.Details);
        Assert.StartsWith(column is null ? $"{problemFile} line {line}:" : $"{problemFile} line {line}, column {column}:", detail.Message, StringComparison.Ordinal);
        Assert.Equal(column, detail.Field);
        Assert.Equal(stored, (await _catalog.LoadedChartAsync(Cancel)).ToCsv().Digest);
        Assert.Equal(1L, await CountAsync("core.catalog_changes"));
    }

    [Fact]
    public async Task An_upload_that_is_not_utf8_is_refused_and_nothing_is_stored()
    {
        var latin1 = Encoding.Latin1.GetBytes(Bundled(0) + "6010,Frais bancaires,expense,debit,Frais payés\n");

        var error = (await _ingest.RunAsync(new IngestChartRequest(Upload("gl_accounts.csv", latin1)), Admin, Cancel)).Error!;

        Assert.StartsWith("gl_accounts.csv line 16, column description: byte 0xE9", Assert.Single(error.Details).Message, StringComparison.Ordinal);
        Assert.Equal(0L, await CountAsync("core.chart_gl_accounts"));
        Assert.Equal(0L, await CountAsync("core.catalog_changes"));
    }

    [Fact]
    public async Task A_valid_upload_replaces_the_stored_chart_and_drift_names_what_it_changed()
    {
        await _rebuild.RebuildChartAsync(Admin, Cancel);
        var renamed = Bundled(0).Replace("Fee revenue", "Fee income", StringComparison.Ordinal);

        var change = (await _ingest.RunAsync(new IngestChartRequest(Upload("gl_accounts.csv", Encoding.UTF8.GetBytes(renamed))), Admin, Cancel)).Value;
        var again = (await _ingest.RunAsync(new IngestChartRequest(Upload("gl_accounts.csv", Encoding.UTF8.GetBytes(renamed))), Admin, Cancel)).Value;

        Assert.Equal(("ingest-chart", true, false), (change.Action, change.Changed, again.Changed));
        Assert.Equal("Fee income", (await _catalog.LoadedChartAsync(Cancel)).Accounts.Single(a => a.Code == "4010").Name);
        Assert.Contains(
            "GL account 4010 (Fee revenue) differs: name is 'Fee income' stored, 'Fee revenue' bundled.",
            (await _catalog.DetectDriftAsync(Cancel)).Differences);
    }

    [Fact]
    public async Task An_operator_may_neither_rebuild_nor_upload_and_nothing_is_written()
    {
        var operatorCaller = Caller.Operator("otto@example.com");

        var refusals = new[]
        {
            (await _rebuild.RebuildChartAsync(operatorCaller, Cancel)).Error?.Code,
            (await _rebuild.RebuildTemplatesAsync(operatorCaller, Cancel)).Error?.Code,
            (await _ingest.RunAsync(new IngestChartRequest(ChartFiles.Bundled), operatorCaller, Cancel)).Error?.Code,
        };

        Assert.All(refusals, code => Assert.Equal(ErrorCodes.Forbidden, code));
        Assert.Equal(0L, await CountAsync("core.catalog_changes"));
    }

    [Fact]
    public async Task The_audit_is_append_only_and_a_template_must_carry_its_texts_digest()
    {
        await _rebuild.RebuildTemplatesAsync(Admin, Cancel);

        var update = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("update core.catalog_changes set actor = 'mallory'"));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("delete from core.catalog_changes"));
        var edit = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("update core.numscript_templates set text = 'x' where name = 'payin'"));

        Assert.Contains("append-only", update.MessageText, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.MessageText, StringComparison.Ordinal);
        Assert.Equal(PostgresErrorCodes.CheckViolation, edit.SqlState);
    }

    [Fact]
    public async Task The_tables_refuse_an_unknown_class_and_a_mapping_to_an_unknown_gl_code()
    {
        var unknownClass = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(
            "insert into core.chart_gl_accounts (gl_code, position, name, class, normal_balance, description) values ('1', 0, 'x', 'assets', 'debit', '')"));
        var unknownCode = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(
            "insert into core.chart_address_mappings (pattern, position, gl_code) values ('x:*', 0, '404')"));

        Assert.Equal(PostgresErrorCodes.CheckViolation, unknownClass.SqlState);
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, unknownCode.SqlState);
    }

    [Fact]
    public async Task Ledger_template_csv_takes_the_gl_codes_from_the_loaded_chart()
    {
        await _rebuild.RebuildChartAsync(Admin, Cancel);
        await ExecuteAsync("update core.chart_event_lines set gl_code = '2030' where event_type = 'fee_collection' and side = 'debit'");

        var sheet = await _catalog.LedgerTemplateCsvAsync(Cancel);

        Assert.Contains("\r\nfee_collection,fee_collection,", sheet, StringComparison.Ordinal);
        Assert.Contains(",2030,4010,", sheet.Split("\r\n").Single(row => row.StartsWith("fee_collection,", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    private static string Bundled(int file) => Encoding.UTF8.GetString(file switch
    {
        0 => ChartFiles.Bundled.GlAccounts,
        1 => ChartFiles.Bundled.AccountMap,
        _ => ChartFiles.Bundled.EventMap,
    });

    private static ChartFiles Upload(string file, byte[] bytes) => file switch
    {
        "gl_accounts.csv" => ChartFiles.Bundled with { GlAccounts = bytes },
        "account_map.csv" => ChartFiles.Bundled with { AccountMap = bytes },
        _ => ChartFiles.Bundled with { EventMap = bytes },
    };

    private async Task ExecuteAsync(string sql)
    {
        await using var command = _database.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(Cancel);
    }

    private async Task<long> CountAsync(string table)
    {
        await using var command = _database.CreateCommand($"select count(*) from {table}");
        return (long)(await command.ExecuteScalarAsync(Cancel))!;
    }
}
