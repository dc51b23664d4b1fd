using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Ledger.Formance;

/// <summary>
/// The Formance-compatible surface seen as raw HTTP, the way any Formance client sees it: Formance's shapes, statuses
/// and error codes, and the refusal of bad input with nothing written.
/// </summary>
public sealed class FormanceSurfaceTests(FormanceSurfaceTests.Api api) : IClassFixture<FormanceSurfaceTests.Api>, IAsyncLifetime
{
    private readonly string _ledger = $"surface-{Guid.NewGuid():N}"[..30];
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        _http = api.Factory.CreateBearerClient(LedgerSurface.AdminToken);
        var created = await _http.PostAsync(Url(""), null);
        Assert.Equal(HttpStatusCode.NoContent, created.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await LedgerInvariants.AssertHoldAsync(api.Factory.Services.GetRequiredService<NpgsqlDataSource>(), _ledger);
    }

    [Fact]
    public async Task Creating_a_ledger_answers_204_and_creating_it_again_too()
    {
        var again = await _http.PostAsync(Url(""), Json("""{"metadata":{"team":"payments"}}"""));

        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_ledger_reads_back_in_Formance_shape_and_an_unknown_one_is_not_found()
    {
        var ledger = (await BodyAsync(await _http.GetAsync(Url(""))))["data"]!.AsObject();
        var info = (await BodyAsync(await _http.GetAsync(Url("/_info"))))["data"]!;

        Assert.Equal(_ledger, ledger["name"]!.GetValue<string>());
        Assert.Equal("_default", ledger["bucket"]!.GetValue<string>());
        Assert.Equal("{}", ledger["metadata"]!.ToJsonString());
        Assert.EndsWith("Z", ledger["addedAt"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal($$$"""{"name":"{{{_ledger}}}","storage":{"migrations":[]}}""", info.ToJsonString());
        // Formance reads a ledger by name from its system store (NOT_FOUND); every route inside a ledger resolves it first (LEDGER_NOT_FOUND).
        await AssertErrorAsync(await _http.GetAsync("/api/ledger/v2/no-such-ledger"), HttpStatusCode.NotFound, "NOT_FOUND", "no-such-ledger");
        await AssertErrorAsync(await _http.GetAsync("/api/ledger/v2/no-such-ledger/_info"), HttpStatusCode.NotFound, "LEDGER_NOT_FOUND", "no-such-ledger");
    }

    [Fact]
    public async Task The_server_names_itself_walletflow_with_its_version()
    {
        var info = await BodyAsync(await _http.GetAsync("/api/ledger/_/info"));

        Assert.Equal("walletflow", info["server"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(info["version"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_unserved_route_answers_Formance_s_not_found_envelope()
    {
        var logs = await _http.GetAsync(Url("/logs"));
        var stats = await _http.PostAsync(Url("/stats"), Json("{}"));

        Assert.Equal("application/json", logs.Content.Headers.ContentType?.MediaType);
        await AssertErrorAsync(logs, HttpStatusCode.NotFound, "NOT_FOUND", "/logs");
        await AssertErrorAsync(stats, HttpStatusCode.NotFound, "NOT_FOUND", "/stats");
    }

    [Fact]
    public async Task A_served_path_asked_with_another_method_answers_405_naming_the_methods_it_takes()
    {
        var transactions = await _http.DeleteAsync(Url("/transactions"));
        var ledgers = await _http.DeleteAsync("/api/ledger/v2");
        var ledger = await _http.PutAsync(Url(""), Json("{}"));

        await AssertErrorAsync(transactions, HttpStatusCode.MethodNotAllowed, "VALIDATION", "DELETE");
        Assert.Equal(["GET", "HEAD", "POST"], transactions.Content.Headers.Allow.Order(StringComparer.Ordinal));
        await AssertErrorAsync(ledgers, HttpStatusCode.MethodNotAllowed, "VALIDATION", "DELETE");
        Assert.Equal(["GET"], ledgers.Content.Headers.Allow);
        await AssertErrorAsync(ledger, HttpStatusCode.MethodNotAllowed, "VALIDATION", "PUT");
        Assert.Equal(["GET", "POST"], ledger.Content.Headers.Allow.Order(StringComparer.Ordinal));
        Assert.Empty(await TransactionsAsync());
    }

    [Fact]
    public async Task Ledgers_are_listed_in_Formance_s_cursor_with_a_cursor_that_carries_the_listing()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await _http.PostAsync($"/api/ledger/v2/{_ledger}-2", null)).StatusCode);
        var first = (await BodyAsync(await _http.GetAsync("/api/ledger/v2?pageSize=1")))["cursor"]!;
        var second = (await BodyAsync(await _http.GetAsync($"/api/ledger/v2?cursor={Uri.EscapeDataString(first["next"]!.GetValue<string>())}")))["cursor"]!;
        var everything = await BodyAsync(await _http.GetAsync("/api/ledger/v2?pageSize=1000&includeDeleted=true"));

        Assert.Equal(1, first["pageSize"]!.GetValue<int>());
        Assert.True(first["hasMore"]!.GetValue<bool>());
        Assert.Equal(1, second["pageSize"]!.GetValue<int>());
        Assert.True(string.CompareOrdinal(first["data"]![0]!["name"]!.GetValue<string>(), second["data"]![0]!["name"]!.GetValue<string>()) < 0);
        var mine = everything["cursor"]!["data"]!.AsArray().Single(ledger => ledger!["name"]!.GetValue<string>() == _ledger)!;
        Assert.Equal("_default", mine["bucket"]!.GetValue<string>());
        await AssertErrorAsync(await _http.GetAsync("/api/ledger/v2?pageSize=0"), HttpStatusCode.BadRequest, "VALIDATION", "pageSize");
        await AssertErrorAsync(await _http.GetAsync("/api/ledger/v2?cursor=not-a-cursor"), HttpStatusCode.BadRequest, "VALIDATION", "cursor");
        await AssertErrorAsync(await GetWithBodyAsync("/api/ledger/v2", """{"$match":{"name":"x"}}"""), HttpStatusCode.BadRequest, "VALIDATION", "filtered");
    }

    [Fact]
    public async Task Volumes_are_answered_per_account_and_asset_with_an_end_time_included_as_in_Formance()
    {
        await PostTransactionAsync("""{"postings":[{"source":"world","destination":"users:vol","amount":100,"asset":"USD/2"}],"timestamp":"2024-03-01T00:00:00Z"}""");
        await PostTransactionAsync("""{"postings":[{"source":"users:vol","destination":"users:out","amount":30,"asset":"USD/2"}],"timestamp":"2024-03-02T00:00:00Z"}""");

        var window = await BodyAsync(await GetWithBodyAsync(Url("/volumes?startTime=2024-03-02T00:00:00Z&endTime=2024-03-02T00:00:00Z"), """{"$match":{"account":"users:vol"}}"""));
        var grouped = await BodyAsync(await _http.GetAsync(Url("/volumes?groupBy=1&query=" + Uri.EscapeDataString("""{"$and":[{"$match":{"account":"users:"}},{"$match":{"asset":"USD/2"}}]}"""))));

        Assert.Equal("""[{"account":"users:vol","asset":"USD/2","input":0,"output":30,"balance":-30}]""", window["cursor"]!["data"]!.ToJsonString());
        Assert.Equal("""[{"account":"users","asset":"USD/2","input":130,"output":30,"balance":100}]""", grouped["cursor"]!["data"]!.ToJsonString());
        await AssertErrorAsync(await _http.GetAsync(Url("/volumes?startTime=yesterday")), HttpStatusCode.BadRequest, "VALIDATION", "startTime");
        await AssertErrorAsync(await _http.GetAsync(Url("/volumes?groupBy=-1")), HttpStatusCode.BadRequest, "VALIDATION", "groupBy");
        await AssertErrorAsync(await _http.GetAsync(Url("/volumes?insertionDate=maybe")), HttpStatusCode.BadRequest, "VALIDATION", "insertionDate");
        await AssertErrorAsync(await _http.GetAsync(Url("/volumes?startTime=2024-03-02T00:00:00Z&endTime=2024-03-01T00:00:00Z")), HttpStatusCode.BadRequest, "VALIDATION", "start");
        await AssertErrorAsync(await GetWithBodyAsync(Url("/volumes"), """{"$match":{"metadata[tier]":"gold"}}"""), HttpStatusCode.BadRequest, "VALIDATION", "metadata[tier]");
        await AssertErrorAsync(await GetWithBodyAsync(Url("/volumes"), """{"$match":{"asset":"not an asset"}}"""), HttpStatusCode.BadRequest, "VALIDATION", "not an asset");
    }

    [Fact]
    public async Task A_bulk_answers_each_element_in_Formance_s_shape_and_400_when_one_failed()
    {
        var ok = await _http.PostAsync(Url("/_bulk"), Json("""
            [{"action":"CREATE_TRANSACTION","ik":"bulk-1","data":{"postings":[{"source":"world","destination":"users:bulk","amount":10,"asset":"USD/2"}],"metadata":{}}},
             {"action":"ADD_METADATA","data":{"targetType":"ACCOUNT","targetId":"users:bulk","metadata":{"tier":"gold"}}}]
            """));
        var okBody = await BodyAsync(ok);
        var id = okBody["data"]![0]!["data"]!["id"]!.GetValue<long>();
        var failed = await _http.PostAsync(Url("/_bulk?continueOnFailure=true"), Json($$$"""
            [{"action":"REVERT_TRANSACTION","data":{"id":{{{id}}}}},
             {"action":"DELETE_METADATA","data":{"targetType":"TRANSACTION","targetId":999999999,"key":"k"}},
             {"action":"CREATE_TRANSACTION","data":{"postings":[{"source":"users:bulk","destination":"world","amount":1,"asset":"USD/2"}]}}]
            """));
        var failedBody = await BodyAsync(failed);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("CREATE_TRANSACTION", okBody["data"]![0]!["responseType"]!.GetValue<string>());
        Assert.Equal(0, okBody["data"]![0]!["logID"]!.GetValue<long>());
        Assert.Equal("""{"responseType":"ADD_METADATA","logID":0}""", okBody["data"]![1]!.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        Assert.Equal("REVERT_TRANSACTION", failedBody["data"]![0]!["responseType"]!.GetValue<string>());
        Assert.Equal("ERROR", failedBody["data"]![1]!["responseType"]!.GetValue<string>());
        Assert.Equal("NOT_FOUND", failedBody["data"]![1]!["errorCode"]!.GetValue<string>());
        Assert.Contains("999999999", failedBody["data"]![1]!["errorDescription"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("INSUFFICIENT_FUND", failedBody["data"]![2]!["errorCode"]!.GetValue<string>());
        Assert.Equal("users:bulk", failedBody["data"]![2]!["errorDetails"]!.GetValue<string>());
        Assert.Equal(2, (await TransactionsAsync()).Count);
    }

    [Fact]
    public async Task An_atomic_bulk_that_fails_writes_nothing_and_answers_rolled_back_for_the_other_elements()
    {
        var failed = await _http.PostAsync(Url("/_bulk?atomic=true"), Json("""
            [{"action":"CREATE_TRANSACTION","data":{"postings":[{"source":"world","destination":"users:atom","amount":10,"asset":"USD/2"}]}},
             {"action":"CREATE_TRANSACTION","data":{"postings":[{"source":"users:atom","destination":"world","amount":11,"asset":"USD/2"}]}}]
            """));
        var body = await BodyAsync(failed);

        Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        Assert.Equal("ROLLED_BACK", body["data"]![0]!["errorCode"]!.GetValue<string>());
        Assert.Contains("1", body["data"]![0]!["errorDescription"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("INSUFFICIENT_FUND", body["data"]![1]!["errorCode"]!.GetValue<string>());
        Assert.Empty(await TransactionsAsync());
    }

    [Fact]
    public async Task A_bulk_with_an_element_that_does_not_read_is_refused_whole_and_writes_nothing()
    {
        const string Valid = """{"action":"CREATE_TRANSACTION","data":{"postings":[{"source":"world","destination":"users:whole","amount":1,"asset":"USD/2"}]}}""";

        var badAmount = await _http.PostAsync(Url("/_bulk"), Bulk(Valid, """{"action":"CREATE_TRANSACTION","data":{"postings":[{"source":"world","destination":"users:whole","amount":-1,"asset":"USD/2"}]}}"""));
        var badAction = await _http.PostAsync(Url("/_bulk"), Bulk(Valid, """{"action":"TRANSFER","data":{}}"""));
        var badTarget = await _http.PostAsync(Url("/_bulk"), Bulk(Valid, """{"action":"ADD_METADATA","data":{"targetType":"LEDGER","targetId":"x","metadata":{}}}"""));
        var noId = await _http.PostAsync(Url("/_bulk"), Bulk(Valid, """{"action":"REVERT_TRANSACTION","data":{}}"""));
        var notAList = await _http.PostAsync(Url("/_bulk"), Json("""{"action":"CREATE_TRANSACTION"}"""));
        var atomicAndParallel = await _http.PostAsync(Url("/_bulk?atomic=true&parallel=true"), Bulk(Valid));
        var forced = await _http.PostAsync(Url("/_bulk"), Json("""[{"action":"CREATE_TRANSACTION","data":{"force":true,"postings":[{"source":"users:none","destination":"world","amount":1,"asset":"USD/2"}]}}]"""));

        Assert.Equal("[1].postings[0].amount", (await AssertErrorAsync(badAmount, HttpStatusCode.BadRequest, "VALIDATION", "element 1"))["details"]!.GetValue<string>());
        await AssertErrorAsync(badAction, HttpStatusCode.BadRequest, "VALIDATION", "TRANSFER");
        await AssertErrorAsync(badTarget, HttpStatusCode.BadRequest, "VALIDATION", "targetType");
        await AssertErrorAsync(noId, HttpStatusCode.BadRequest, "VALIDATION", "id");
        await AssertErrorAsync(notAList, HttpStatusCode.BadRequest, "VALIDATION", "JSON");
        await AssertErrorAsync(atomicAndParallel, HttpStatusCode.BadRequest, "VALIDATION", "parallel");
        Assert.Equal(HttpStatusCode.Forbidden, forced.StatusCode);
        Assert.Empty(await TransactionsAsync());
    }

    [Fact]
    public async Task A_transaction_is_answered_in_Formance_shape_with_post_commit_volumes()
    {
        var response = await PostTransactionAsync("""
            {"postings":[{"source":"world","destination":"users:001","amount":100,"asset":"USD/2"}],
             "metadata":{"order":"o-1"},"timestamp":"2024-02-29T13:14:15Z"}
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var data = (await BodyAsync(response))["data"]!.AsObject();
        Assert.Equal(JsonValueKind.Number, data["id"]!.GetValueKind());
        Assert.Equal("""[{"source":"world","destination":"users:001","amount":100,"asset":"USD/2"}]""", data["postings"]!.ToJsonString());
        Assert.Equal("""{"order":"o-1"}""", data["metadata"]!.ToJsonString());
        Assert.Equal("2024-02-29T13:14:15Z", data["timestamp"]!.GetValue<string>());
        Assert.EndsWith("Z", data["insertedAt"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(data["reverted"]!.GetValue<bool>());
        Assert.False(data.ContainsKey("reference"), "an absent reference is left out, not null: Formance's clients refuse a null");
        Assert.Equal("""{"input":100,"output":0,"balance":100}""", data["postCommitVolumes"]!["users:001"]!["USD/2"]!.ToJsonString());
        Assert.Equal("""{"input":0,"output":100,"balance":-100}""", data["postCommitVolumes"]!["world"]!["USD/2"]!.ToJsonString());
    }

    [Fact]
    public async Task Amounts_are_exact_json_integers_of_any_size_both_ways()
    {
        const string huge = "1267650600228229401496703205383";

        var posted = await PostTransactionAsync($$$"""{"postings":[{"source":"world","destination":"vault:v1","amount":{{{huge}}},"asset":"WEI"}],"metadata":{}}""");
        var account = await _http.GetAsync(Url("/accounts/vault:v1?expand=volumes"));

        Assert.Contains($"\"amount\":{huge}", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains($"\"balance\":{huge}", await account.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_script_transaction_runs_with_its_string_variables()
    {
        var response = await PostTransactionAsync("""
            {"script":{"plain":"vars {\n monetary $amount\n account $user\n}\nsend $amount (\n source = @world\n destination = $user\n)",
                       "vars":{"amount":"EUR/2 250","user":"users:042"}},"reference":"script-1","metadata":{}}
            """);

        var data = (await BodyAsync(response))["data"]!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("script-1", data["reference"]!.GetValue<string>());
        Assert.Equal("""[{"source":"world","destination":"users:042","amount":250,"asset":"EUR/2"}]""", data["postings"]!.ToJsonString());
    }

    [Fact]
    public async Task A_replayed_idempotency_key_answers_the_original_with_Idempotency_Hit()
    {
        const string body = """{"postings":[{"source":"world","destination":"users:ik","amount":5,"asset":"USD/2"}],"metadata":{}}""";

        var first = await PostTransactionAsync(body, idempotencyKey: "ik-1");
        var replay = await PostTransactionAsync(body, idempotencyKey: "ik-1");
        var conflict = await PostTransactionAsync(body.Replace("5", "6", StringComparison.Ordinal), idempotencyKey: "ik-1");

        Assert.False(first.Headers.Contains("Idempotency-Hit"));
        Assert.Equal("true", replay.Headers.GetValues("Idempotency-Hit").Single());
        Assert.Equal((await BodyAsync(first))["data"]!["id"]!.GetValue<long>(), (await BodyAsync(replay))["data"]!["id"]!.GetValue<long>());
        await AssertErrorAsync(conflict, HttpStatusCode.BadRequest, "VALIDATION", "idempotency");
        Assert.Single(await TransactionsAsync());
    }

    [Fact]
    public async Task Insufficient_funds_is_INSUFFICIENT_FUND_naming_the_account_in_details_and_writes_nothing()
    {
        var response = await PostTransactionAsync("""{"postings":[{"source":"users:broke","destination":"users:other","amount":1,"asset":"USD/2"}],"metadata":{}}""");

        var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "INSUFFICIENT_FUND", "users:broke");
        Assert.Equal("users:broke", error["details"]!.GetValue<string>());
        Assert.Empty(await TransactionsAsync());
    }

    [Fact]
    public async Task A_reference_used_twice_is_409_CONFLICT()
    {
        const string body = """{"postings":[{"source":"world","destination":"users:ref","amount":1,"asset":"USD/2"}],"reference":"r-1","metadata":{}}""";
        await PostTransactionAsync(body);

        await AssertErrorAsync(await PostTransactionAsync(body), HttpStatusCode.Conflict, "CONFLICT", "r-1");
        Assert.Single(await TransactionsAsync());
    }

    [Theory]
    [InlineData("{\"postings\":[", "VALIDATION", "JSON")]
    [InlineData("not json at all", "VALIDATION", "JSON")]
    [InlineData("", "VALIDATION", "JSON body")]
    [InlineData("""{"postings":[{"source":"world","destination":"users:a","amount":1,"asset":"USD/2"}],"script":{"plain":"send [USD/2 1] (source = @world destination = @users:a)"},"metadata":{}}""", "VALIDATION", "not both")]
    [InlineData("""{"metadata":{}}""", "NO_POSTINGS", "postings")]
    [InlineData("""{"postings":[],"metadata":{}}""", "NO_POSTINGS", "postings")]
    [InlineData("""{"postings":[{"source":"world","destination":"users:a","amount":-1,"asset":"USD/2"}],"metadata":{}}""", "VALIDATION", "negative")]
    [InlineData("""{"postings":[{"source":"world","destination":"users:a","amount":1.5,"asset":"USD/2"}],"metadata":{}}""", "VALIDATION", "amount")]
    [InlineData("""{"postings":[{"source":"world","destination":"users:a","amount":"1","asset":"USD/2"}],"metadata":{}}""", "VALIDATION", "amount")]
    [InlineData("""{"postings":[{"source":"world","destination":"users:a","asset":"USD/2"}],"metadata":{}}""", "VALIDATION", "amount is missing")]
    [InlineData("""{"postings":[{"source":"world","destination":"users::a","amount":1,"asset":"USD/2"}],"metadata":{}}""", "VALIDATION", "users::a")]
    [InlineData("""{"postings":[{"source":"wo rld","destination":"users:a","amount":1,"asset":"USD/2"}],"metadata":{}}""", "VALIDATION", "wo rld")]
    [InlineData("""{"postings":[{"source":"world","destination":"users:a","amount":1,"asset":"usd"}],"metadata":{}}""", "VALIDATION", "usd")]
    [InlineData("""{"postings":[{"source":"world","destination":"users:a","amount":1}],"metadata":{}}""", "VALIDATION", "asset")]
    [InlineData("""{"postings":[{"source":"world","destination":"users:a","amount":1,"asset":"USD/2"}],"metadata":{"n":1}}""", "VALIDATION", "metadata")]
    [InlineData("""{"script":{"plain":"send [USD/2 1] (","vars":{}},"metadata":{}}""", "COMPILATION_FAILED", "expected")]
    [InlineData("""{"script":{"plain":"vars { account $a }\nsend [USD/2 1] (source = @world destination = $a)","vars":{"a":{"x":1}}},"metadata":{}}""", "VALIDATION", "string")]
    [InlineData("""{"postings":[{"source":"world","destination":"users:a","amount":1,"asset":"USD/2"}],"accountMetadata":{"users:a":{"k":"v"}},"metadata":{}}""", "VALIDATION", "accountMetadata")]
    [InlineData("""{"script":{"template":"payin","vars":{}},"metadata":{}}""", "VALIDATION", "template")]
    public async Task Bad_input_is_refused_with_a_clear_error_and_writes_nothing(string body, string errorCode, string mentioned)
    {
        var response = await PostTransactionAsync(body);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, errorCode, mentioned);
        Assert.Empty(await TransactionsAsync());
    }

    [Fact]
    public async Task Bad_query_parameters_are_refused_and_write_nothing()
    {
        const string body = """{"postings":[{"source":"world","destination":"users:q","amount":1,"asset":"USD/2"}],"metadata":{}}""";

        await AssertErrorAsync(await _http.PostAsync(Url("/transactions?force=maybe"), Json(body)), HttpStatusCode.BadRequest, "VALIDATION", "force");
        await AssertErrorAsync(await _http.PostAsync(Url("/transactions?dryRun=true"), Json(body)), HttpStatusCode.BadRequest, "VALIDATION", "dryRun");
        await AssertErrorAsync(await _http.GetAsync(Url("/transactions?pageSize=0")), HttpStatusCode.BadRequest, "VALIDATION", "pageSize");
        await AssertErrorAsync(await _http.GetAsync(Url("/transactions?cursor=bm90LWEtY3Vyc29y")), HttpStatusCode.BadRequest, "VALIDATION", "cursor");
        await AssertErrorAsync(await _http.GetAsync(Url("/accounts/users:q?pit=yesterday")), HttpStatusCode.BadRequest, "VALIDATION", "pit");
        await AssertErrorAsync(await _http.GetAsync(Url("/transactions/abc")), HttpStatusCode.BadRequest, "VALIDATION", "abc");
        await AssertErrorAsync(await _http.GetAsync(Url("/accounts/users::q")), HttpStatusCode.BadRequest, "VALIDATION", "users::q");
        Assert.Empty(await TransactionsAsync());
    }

    [Fact]
    public async Task Force_lets_postings_overdraw_for_a_credential_with_the_ledger_force_right()
    {
        using var breakGlass = api.Factory.CreateBearerClient(LedgerSurface.ForceToken);
        var forced = await breakGlass.PostAsync(Url("/transactions?force=true"), Json("""{"postings":[{"source":"users:f1","destination":"users:f2","amount":3,"asset":"USD/2"}],"metadata":{}}"""));
        await PostTransactionAsync("""{"postings":[{"source":"world","destination":"users:f1","amount":3,"asset":"USD/2"}],"metadata":{}}""");

        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
    }

    [Fact]
    public async Task Reverting_answers_201_with_the_reversal_and_a_second_revert_is_ALREADY_REVERT()
    {
        var posted = await BodyAsync(await PostTransactionAsync("""{"postings":[{"source":"world","destination":"users:rv","amount":9,"asset":"USD/2"}],"metadata":{}}"""));
        var id = posted["data"]!["id"]!.GetValue<long>();

        var reverted = await _http.PostAsync(Url($"/transactions/{id}/revert"), Json("""{"metadata":{"reason":"typo"}}"""));
        var again = await _http.PostAsync(Url($"/transactions/{id}/revert"), null);
        var original = await BodyAsync(await _http.GetAsync(Url($"/transactions/{id}")));

        Assert.Equal(HttpStatusCode.Created, reverted.StatusCode);
        var reversal = (await BodyAsync(reverted))["data"]!;
        Assert.Equal("""[{"source":"users:rv","destination":"world","amount":9,"asset":"USD/2"}]""", reversal["postings"]!.ToJsonString());
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), reversal["metadata"]!["com.formance.spec/state/reverts"]!.GetValue<string>());
        Assert.Equal("typo", reversal["metadata"]!["reason"]!.GetValue<string>());
        Assert.True(original["data"]!["reverted"]!.GetValue<bool>());
        await AssertErrorAsync(again, HttpStatusCode.BadRequest, "ALREADY_REVERT", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Unknown_things_are_404_with_Formance_codes()
    {
        await AssertErrorAsync(await _http.GetAsync($"/api/ledger/v2/no-such-ledger/transactions/1"), HttpStatusCode.NotFound, "LEDGER_NOT_FOUND", "no-such-ledger");
        await AssertErrorAsync(await _http.PostAsync($"/api/ledger/v2/no-such-ledger/transactions", Json("""{"postings":[{"source":"world","destination":"users:a","amount":1,"asset":"USD/2"}],"metadata":{}}""")), HttpStatusCode.NotFound, "LEDGER_NOT_FOUND", "no-such-ledger");
        await AssertErrorAsync(await _http.GetAsync(Url("/transactions/987654321")), HttpStatusCode.NotFound, "NOT_FOUND", "987654321");
        await AssertErrorAsync(await _http.PostAsync(Url("/transactions/987654321/revert"), null), HttpStatusCode.NotFound, "NOT_FOUND", "987654321");
        await AssertErrorAsync(await _http.GetAsync(Url("/accounts/users:never")), HttpStatusCode.NotFound, "NOT_FOUND", "users:never");
    }

    [Fact]
    public async Task An_account_shows_its_volumes_only_when_expanded_and_as_of_a_point_in_time()
    {
        await PostTransactionAsync("""{"postings":[{"source":"world","destination":"users:vol","amount":40,"asset":"USD/2"}],"metadata":{},"timestamp":"2024-01-10T00:00:00Z"}""");
        await PostTransactionAsync("""{"postings":[{"source":"world","destination":"users:vol","amount":2,"asset":"USD/2"}],"metadata":{}}""");

        var plain = (await BodyAsync(await _http.GetAsync(Url("/accounts/users:vol"))))["data"]!.AsObject();
        var expanded = (await BodyAsync(await _http.GetAsync(Url("/accounts/users:vol?expand=volumes"))))["data"]!;
        var then = (await BodyAsync(await _http.GetAsync(Url("/accounts/users:vol?expand=effectiveVolumes&pit=2024-02-01T00:00:00Z"))))["data"]!;

        Assert.Equal("users:vol", plain["address"]!.GetValue<string>());
        Assert.Equal("{}", plain["metadata"]!.ToJsonString());
        Assert.False(plain.ContainsKey("volumes"));
        Assert.Equal("""{"USD/2":{"input":42,"output":0,"balance":42}}""", expanded["volumes"]!.ToJsonString());
        Assert.Equal("""{"USD/2":{"input":40,"output":0,"balance":40}}""", then["effectiveVolumes"]!.ToJsonString());
    }

    [Fact]
    public async Task Listing_accounts_continues_from_a_cursor_alone_with_the_original_filter()
    {
        foreach (var address in new[] { "team:t1", "team:t2", "team:t3", "other:o1" })
        {
            await PostTransactionAsync($$$"""{"postings":[{"source":"world","destination":"{{{address}}}","amount":1,"asset":"USD/2"}],"metadata":{}}""");
        }

        var first = (await BodyAsync(await GetWithBodyAsync(Url("/accounts?pageSize=2&expand=volumes"), """{"$match":{"address":"team:"}}""")))["cursor"]!;
        var second = (await BodyAsync(await _http.GetAsync(Url($"/accounts?cursor={Uri.EscapeDataString(first["next"]!.GetValue<string>())}"))))["cursor"]!;

        Assert.Equal(2, first["pageSize"]!.GetValue<int>());
        Assert.True(first["hasMore"]!.GetValue<bool>());
        Assert.False(second["hasMore"]!.GetValue<bool>());
        Assert.False(second.AsObject().ContainsKey("next"));
        var addresses = first["data"]!.AsArray().Concat(second["data"]!.AsArray()).Select(account => account!["address"]!.GetValue<string>()).Order(StringComparer.Ordinal);
        Assert.Equal(["team:t1", "team:t2", "team:t3"], addresses);
        Assert.All(second["data"]!.AsArray(), account => Assert.Equal(1, account!["volumes"]!["USD/2"]!["balance"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Filters_are_read_from_the_query_parameter_or_the_body_and_unsupported_ones_are_refused()
    {
        await PostTransactionAsync("""{"postings":[{"source":"world","destination":"shop:s1","amount":5,"asset":"USD/2"}],"reference":"filter-1","metadata":{"kind":"sale"}}""");
        await PostTransactionAsync("""{"postings":[{"source":"world","destination":"shop:s2","amount":6,"asset":"USD/2"}],"metadata":{}}""");

        var byQuery = await BodyAsync(await _http.GetAsync(Url($"/transactions?query={Uri.EscapeDataString("""{"$match":{"reference":"filter-1"}}""")}")));
        var byBody = await BodyAsync(await GetWithBodyAsync(Url("/transactions"), """{"$and":[{"$match":{"account":"shop:s1"}},{"$match":{"metadata[kind]":"sale"}}]}"""));

        Assert.Single(byQuery["cursor"]!["data"]!.AsArray());
        Assert.Single(byBody["cursor"]!["data"]!.AsArray());
        await AssertErrorAsync(await GetWithBodyAsync(Url("/transactions"), """{"$lt":{"timestamp":"2024-01-01T00:00:00Z"}}"""), HttpStatusCode.BadRequest, "VALIDATION", "$lt");
        await AssertErrorAsync(await GetWithBodyAsync(Url("/accounts"), """{"$match":{"balance[USD/2]":"5"}}"""), HttpStatusCode.BadRequest, "VALIDATION", "balance");
        await AssertErrorAsync(await GetWithBodyAsync(Url("/accounts"), """{"$match":"""), HttpStatusCode.BadRequest, "VALIDATION", "JSON");
    }

    [Fact]
    public async Task Counting_answers_204_with_the_total_in_a_Count_header_and_404_for_an_unknown_ledger()
    {
        await PostTransactionAsync("""{"postings":[{"source":"world","destination":"users:c1","amount":10,"asset":"USD/2"},{"source":"world","destination":"users:c2","amount":5,"asset":"USD/2"}],"metadata":{}}""");
        await PostTransactionAsync("""{"postings":[{"source":"users:c1","destination":"users:c2","amount":1,"asset":"USD/2"}],"metadata":{}}""");

        using var transactions = await HeadAsync(_http, Url("/transactions"));
        using var accounts = await HeadAsync(_http, Url("/accounts"));
        using var unknown = await HeadAsync(_http, "/api/ledger/v2/no-such-ledger/transactions");

        Assert.Equal(HttpStatusCode.NoContent, transactions.StatusCode);
        Assert.Equal("2", transactions.Headers.GetValues("Count").Single());
        Assert.Equal(HttpStatusCode.NoContent, accounts.StatusCode);
        Assert.Equal("3", accounts.Headers.GetValues("Count").Single());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.False(unknown.Headers.Contains("Count"));
    }

    [Fact]
    public async Task Counting_refuses_a_filter_or_a_point_in_time_rather_than_answer_the_whole_ledger()
    {
        var filter = Uri.EscapeDataString("""{"$match":{"address":"users:"}}""");

        using var filtered = await HeadAsync(_http, Url($"/accounts?query={filter}"));
        using var asOf = await HeadAsync(_http, Url("/transactions?pit=2024-01-01T00:00:00Z"));

        Assert.Equal(HttpStatusCode.BadRequest, filtered.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, asOf.StatusCode);
        Assert.False(filtered.Headers.Contains("Count"));
    }

    [Fact]
    public async Task Counting_without_a_credential_is_refused()
    {
        using var anonymous = api.Factory.CreateClient();

        using var transactions = await HeadAsync(anonymous, Url("/transactions"));
        using var accounts = await HeadAsync(anonymous, Url("/accounts"));

        Assert.Equal(HttpStatusCode.Unauthorized, transactions.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, accounts.StatusCode);
        Assert.False(transactions.Headers.Contains("Count"));
    }

    [Fact]
    public async Task Aggregate_balances_sum_the_matching_accounts_per_asset()
    {
        await PostTransactionAsync("""{"postings":[{"source":"world","destination":"agg:a1:main","amount":5,"asset":"USD/2"},{"source":"world","destination":"agg:a2:main","amount":6,"asset":"USD/2"},{"source":"world","destination":"agg:a2:side","amount":7,"asset":"JPY"}],"metadata":{}}""");

        var main = await BodyAsync(await GetWithBodyAsync(Url("/aggregate/balances"), """{"$match":{"address":"agg::main"}}"""));
        var all = await BodyAsync(await GetWithBodyAsync(Url("/aggregate/balances"), """{"$match":{"address":"agg:"}}"""));

        Assert.Equal("""{"USD/2":11}""", main["data"]!.ToJsonString());
        Assert.Equal(7, all["data"]!["JPY"]!.GetValue<int>());
        var whole = (await BodyAsync(await _http.GetAsync(Url("/aggregate/balances"))))["data"]!.AsObject();
        Assert.Equal(["JPY", "USD/2"], whole.Select(asset => asset.Key).Order(StringComparer.Ordinal));
        Assert.All(whole, asset => Assert.Equal(0, asset.Value!.GetValue<int>()));
        await AssertErrorAsync(await _http.GetAsync(Url("/aggregate/balances?useInsertionDate=true")), HttpStatusCode.BadRequest, "VALIDATION", "useInsertionDate");
    }

    [Fact]
    public async Task Account_and_transaction_metadata_are_added_and_deleted_with_204()
    {
        var posted = await BodyAsync(await PostTransactionAsync("""{"postings":[{"source":"world","destination":"users:meta","amount":1,"asset":"USD/2"}],"metadata":{}}"""));
        var id = posted["data"]!["id"]!.GetValue<long>();

        Assert.Equal(HttpStatusCode.NoContent, (await _http.PostAsync(Url("/accounts/users:meta/metadata"), Json("""{"tier":"gold","city":"Oslo"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync(Url("/accounts/users:meta/metadata/city"))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _http.PostAsync(Url($"/transactions/{id}/metadata"), Json("""{"audited":"yes","tmp":"1"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync(Url($"/transactions/{id}/metadata/tmp"))).StatusCode);
        await AssertErrorAsync(await _http.PostAsync(Url("/accounts/users:meta/metadata"), Json("""{"tier":1}""")), HttpStatusCode.BadRequest, "VALIDATION", "tier");

        Assert.Equal("""{"tier":"gold"}""", (await BodyAsync(await _http.GetAsync(Url("/accounts/users:meta"))))["data"]!["metadata"]!.ToJsonString());
        Assert.Equal("""{"audited":"yes"}""", (await BodyAsync(await _http.GetAsync(Url($"/transactions/{id}"))))["data"]!["metadata"]!.ToJsonString());
    }

    private string Url(string path) => $"/api/ledger/v2/{_ledger}{path}";

    private async Task<HttpResponseMessage> PostTransactionAsync(string body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url("/transactions")) { Content = Json(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await _http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> GetWithBodyAsync(string url, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url) { Content = Json(body) };
        return await _http.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> HeadAsync(HttpClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, url);
        return await client.SendAsync(request);
    }

    private async Task<JsonArray> TransactionsAsync() =>
        (await BodyAsync(await _http.GetAsync(Url("/transactions?pageSize=100"))))["cursor"]!["data"]!.AsArray();

    private static StringContent Bulk(params string[] elements) => Json("[" + string.Join(',', elements) + "]");

    private static StringContent Json(string body) => new(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    private static async Task<JsonNode> BodyAsync(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    private static async Task<JsonObject> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string errorCode, string mentioned)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        var error = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(errorCode, error["errorCode"]!.GetValue<string>());
        Assert.Contains(mentioned, error["errorMessage"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        return error;
    }

    /// <summary>The real API in-process on a database of its own; every test works in a ledger of its own.</summary>
    public sealed class Api(PostgresFixture postgres) : IAsyncLifetime
    {
        public ApiFactory Factory { get; private set; } = null!;

        public async ValueTask InitializeAsync() => Factory = await LedgerSurface.StartAsync(postgres, nameof(FormanceSurfaceTests));

        public ValueTask DisposeAsync() => Factory.DisposeAsync();
    }
}
