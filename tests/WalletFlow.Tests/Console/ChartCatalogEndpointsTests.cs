using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WalletFlow.Domain.ChartOfAccounts;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Console;

/// <summary>The loaded catalog over HTTP beside the Ledger page (rebuilds, upload, drift, Ledger Template.csv) and its panel on the page.</summary>
public sealed class ChartCatalogEndpointsTests(PostgresFixture postgres) : IAsyncLifetime
{
    private ApiFactory _api = null!;
    private HttpClient _client = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(ChartCatalogEndpointsTests), ConsoleClient.TokenSettings);
        _client = _api.CreateClient(new() { AllowAutoRedirect = false });
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ConsoleClient.Token);
    }

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task The_rebuilds_store_the_bundle_then_say_nothing_changed_and_drift_is_then_empty()
    {
        var before = await DriftAsync();
        var first = await PostJsonAsync("/ops/ledger/rebuild-coa");
        var second = await PostJsonAsync("/ops/ledger/rebuild-coa");
        var templates = await PostJsonAsync("/ops/ledger/rebuild-templates");

        Assert.True(before.GetProperty("missing").GetInt32() > 0);
        Assert.Equal((true, false), (first.GetProperty("changed").GetBoolean(), second.GetProperty("changed").GetBoolean()));
        Assert.Equal(("rebuild-coa", "operator token"), (second.GetProperty("action").GetString(), second.GetProperty("actor").GetString()));
        Assert.Equal(18, templates.GetProperty("templates").GetInt32());
        Assert.Empty((await DriftAsync()).GetProperty("differences").EnumerateArray());
    }

    [Fact]
    public async Task A_malformed_upload_is_problem_json_with_every_located_problem_and_stores_nothing()
    {
        using var form = Upload(Encoding.UTF8.GetString(ChartFiles.Bundled.GlAccounts).Replace("1010,Cash at banks,asset,", "1010,Cash at banks,assets,", StringComparison.Ordinal));

        var response = await _client.PostAsync("/ops/ledger/chart", form, Cancel);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("CHART_UPLOAD_INVALID", problem.GetProperty("code").GetString());
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("class", error.GetProperty("field").GetString());
        Assert.StartsWith("gl_accounts.csv line 2, column class: unknown account class 'assets'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0L, await CountAsync("core.chart_gl_accounts"));
    }

    [Fact]
    public async Task A_valid_upload_is_stored_and_answered_with_its_audit_row()
    {
        using var form = Upload(Encoding.UTF8.GetString(ChartFiles.Bundled.GlAccounts));

        var response = await _client.PostAsync("/ops/ledger/chart", form, Cancel);
        var change = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("ingest-chart", true, 14), (change.GetProperty("action").GetString(), change.GetProperty("changed").GetBoolean(), change.GetProperty("glAccounts").GetInt32()));
        Assert.Equal(14L, await CountAsync("core.chart_gl_accounts"));
    }

    [Fact]
    public async Task Ledger_template_csv_downloads_under_its_name_with_a_row_per_template()
    {
        var response = await _client.GetAsync("/ops/ledger/template.csv", Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Ledger Template.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.StartsWith("template,event_type,variables,debit_gl_codes,credit_gl_codes,description\r\n", text, StringComparison.Ordinal);
        Assert.Equal(19, text.TrimEnd().Split("\r\n").Length);
    }

    [Fact]
    public async Task The_loaded_catalog_view_shows_the_drift_the_admin_actions_and_the_audit()
    {
        await PostJsonAsync("/ops/ledger/rebuild-coa");

        var response = await _client.GetAsync("/ops/ledger?view=catalog", Cancel);
        var page = await ConsoleClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("18 missing · 0 extra · 0 changed", page.QuerySelector("[data-testid=drift-summary]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Template payin is bundled but not stored.", page.QuerySelectorAll("[data-testid=drift-item]").Select(item => item.TextContent));
        Assert.NotNull(page.QuerySelector("[data-testid=rebuild-coa]"));
        Assert.NotNull(page.QuerySelector("[data-testid=rebuild-templates]"));
        Assert.NotNull(page.QuerySelector("[data-testid=chart-upload]"));
        Assert.Equal("rebuild-coa", page.QuerySelector("[data-testid=catalog-changes] tbody tr td.mono:nth-child(2)")?.TextContent);
    }

    private static MultipartFormDataContent Upload(string glAccounts)
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(glAccounts)), "gl_accounts", "gl_accounts.csv");
        form.Add(new ByteArrayContent(ChartFiles.Bundled.AccountMap), "account_map", "account_map.csv");
        form.Add(new ByteArrayContent(ChartFiles.Bundled.EventMap), "event_map", "event_map.csv");
        return form;
    }

    private async Task<JsonElement> PostJsonAsync(string path)
    {
        var response = await _client.PostAsync(path, null, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }

    private async Task<JsonElement> DriftAsync() => await _client.GetFromJsonAsync<JsonElement>("/ops/ledger/drift", Cancel);

    private async Task<long> CountAsync(string table)
    {
        await using var command = _api.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand($"select count(*) from {table}");
        return (long)(await command.ExecuteScalarAsync(Cancel))!;
    }
}
