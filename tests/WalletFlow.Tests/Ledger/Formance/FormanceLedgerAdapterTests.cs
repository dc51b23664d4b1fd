using System.Net;
using Polly.Timeout;
using WalletFlow.Domain.Errors;
using WalletFlow.Ledger;
using WalletFlow.Ledger.Formance;

namespace WalletFlow.Tests.Ledger.Formance;

/// <summary>
/// The adapter's requests and its resilience policy, against a scripted server. What it does against a real
/// surface is the contract suite's job (FormanceSurfaceContractTests).
/// </summary>
public sealed class FormanceLedgerAdapterTests
{
    private const string Transaction = """
        {"data":{"id":12,"postings":[{"source":"world","destination":"users:1","amount":100000000000000000000000,"asset":"USD/2"}],
                 "metadata":{},"timestamp":"2024-05-01T10:00:00.123456789Z","insertedAt":"2024-05-01T10:00:01Z","reverted":false,
                 "postCommitVolumes":{"users:1":{"USD/2":{"input":100000000000000000000000,"output":0,"balance":100000000000000000000000}}}}}
        """;

    private static readonly TransactionRequest Payin = TransactionRequest.FromPostings(new Posting("world", "users:1", System.Numerics.BigInteger.Parse("100000000000000000000000", System.Globalization.CultureInfo.InvariantCulture), "USD/2"));

    private readonly ScriptedFormance _formance = new();

    [Fact]
    public async Task A_transaction_is_sent_to_the_v2_route_under_the_base_address_with_its_key_force_and_exact_amounts()
    {
        _formance.Answer(HttpStatusCode.OK, Transaction, ("Idempotency-Hit", "true"));

        var posted = await Adapter().PostAsync("main", Payin with { IdempotencyKey = "k-1", Force = true, Reference = "r-1" });

        var request = Assert.Single(_formance.Requests);
        Assert.Equal("http://formance.test/api/ledger/v2/main/transactions?force=true", request.Uri.ToString());
        Assert.Equal("k-1", request.IdempotencyKey);
        Assert.Contains("\"amount\":100000000000000000000000", request.Body, StringComparison.Ordinal);
        Assert.Contains("\"reference\":\"r-1\"", request.Body, StringComparison.Ordinal);
        Assert.Contains("\"metadata\":{}", request.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("null", request.Body, StringComparison.Ordinal);
        Assert.True(posted.Value.IdempotencyHit);
        Assert.Equal(Payin.Postings![0].Amount, posted.Value.Transaction.Postings[0].Amount);
        Assert.Equal(new Volumes(Payin.Postings[0].Amount, 0), posted.Value.Transaction.PostCommitVolumes["users:1"]["USD/2"]);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_567), posted.Value.Transaction.Timestamp);
    }

    [Fact]
    public async Task A_read_is_retried_after_an_outage_answer_and_a_refused_connection()
    {
        _formance.Answer(HttpStatusCode.ServiceUnavailable).Refuse().Answer(HttpStatusCode.OK, Transaction);

        var transaction = await Adapter().GetTransactionAsync("main", 12);

        Assert.Equal(12, transaction.Value.Id);
        Assert.Equal(3, _formance.Requests.Count);
        Assert.All(_formance.Requests, request => Assert.Equal("http://formance.test/api/ledger/v2/main/transactions/12?expand=volumes", request.Uri.ToString()));
    }

    [Fact]
    public async Task A_read_that_hangs_is_abandoned_after_the_attempt_timeout_and_retried()
    {
        _formance.Hang().Answer(HttpStatusCode.OK, Transaction);

        var transaction = await Adapter(attemptTimeout: TimeSpan.FromMilliseconds(200)).GetTransactionAsync("main", 12);

        Assert.True(transaction.IsSuccess);
        Assert.Equal(2, _formance.Requests.Count);
    }

    [Fact]
    public async Task A_write_with_an_idempotency_key_is_retried_with_the_same_key()
    {
        _formance.Answer(HttpStatusCode.BadGateway).Hang().Answer(HttpStatusCode.OK, Transaction);

        var posted = await Adapter(attemptTimeout: TimeSpan.FromMilliseconds(200)).PostAsync("main", Payin with { IdempotencyKey = "k-2" });

        Assert.True(posted.IsSuccess);
        Assert.Equal(3, _formance.Requests.Count);
        Assert.All(_formance.Requests, request => Assert.Equal("k-2", request.IdempotencyKey));
    }

    [Fact]
    public async Task A_write_whose_key_is_still_being_written_is_retried_until_it_replays()
    {
        _formance
            .Answer(HttpStatusCode.Conflict, """{"errorCode":"CONFLICT","errorMessage":"duplicate idempotency key \"k-3\""}""")
            .Answer(HttpStatusCode.OK, Transaction, ("Idempotency-Hit", "true"));

        var posted = await Adapter().PostAsync("main", Payin with { IdempotencyKey = "k-3" });

        Assert.True(posted.Value.IdempotencyHit);
        Assert.Equal(2, _formance.Requests.Count);
    }

    [Fact]
    public async Task A_write_without_an_idempotency_key_is_tried_once_whatever_happens()
    {
        _formance.Answer(HttpStatusCode.ServiceUnavailable).Hang();

        await Assert.ThrowsAsync<FormanceLedgerException>(() => Adapter().PostAsync("main", Payin));
        await Assert.ThrowsAsync<TimeoutRejectedException>(() => Adapter(attemptTimeout: TimeSpan.FromMilliseconds(200)).RevertAsync("main", new RevertRequest(12)));

        Assert.Equal(2, _formance.Requests.Count);
    }

    [Fact]
    public async Task A_reference_conflict_is_not_retried_and_comes_back_as_CONFLICT()
    {
        _formance.Answer(HttpStatusCode.Conflict, """{"errorCode":"CONFLICT","errorMessage":"duplicate reference \"r-1\""}""");

        var refused = await Adapter().PostAsync("main", Payin with { IdempotencyKey = "k-4", Reference = "r-1" });

        Assert.Equal(new Error(ErrorCodes.Conflict, "duplicate reference \"r-1\"", "reference"), refused.Error);
        Assert.Single(_formance.Requests);
    }

    [Fact]
    public async Task Creating_a_ledger_that_Formance_already_has_is_a_success()
    {
        _formance.Answer(HttpStatusCode.BadRequest, """{"errorCode":"LEDGER_ALREADY_EXISTS","errorMessage":"ledger already exists"}""");

        var created = await Adapter().CreateLedgerAsync("main");

        Assert.Equal("main", created.Value);
        Assert.Equal(HttpMethod.Post, _formance.Requests[0].Method);
        Assert.Equal("http://formance.test/api/ledger/v2/main", _formance.Requests[0].Uri.ToString());
    }

    [Fact]
    public async Task An_account_Formance_does_not_know_is_an_account_with_nothing_and_a_point_in_time_reads_effective_volumes()
    {
        _formance
            .Answer(HttpStatusCode.NotFound, """{"errorCode":"NOT_FOUND","errorMessage":"account not found"}""")
            .Answer(HttpStatusCode.OK, """{"data":{"address":"users:1","metadata":{"a":"b"},"effectiveVolumes":{"USD/2":{"input":10,"output":4}}}}""");

        var unknown = await Adapter().GetAccountAsync("main", "users:0");
        var then = await Adapter().GetAccountAsync("main", "users:1", new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero));

        Assert.Empty(unknown.Value.Volumes);
        Assert.Equal("http://formance.test/api/ledger/v2/main/accounts/users%3A1?expand=effectiveVolumes&pit=2024-01-02T03%3A04%3A05Z", _formance.Requests[1].Uri.AbsoluteUri);
        Assert.Equal(6, then.Value.Balance("USD/2"));
        Assert.Equal("b", then.Value.Metadata["a"]);
    }

    [Fact]
    public async Task A_listing_sends_its_filter_in_the_body_and_a_cursor_alone_for_the_next_page()
    {
        const string page = """{"cursor":{"pageSize":2,"hasMore":true,"next":"abc=","data":[{"address":"users:1","metadata":{},"volumes":{"USD/2":{"input":1,"output":0,"balance":1}}}]}}""";
        _formance.Answer(HttpStatusCode.OK, page).Answer(HttpStatusCode.OK, page.Replace("\"hasMore\":true,\"next\":\"abc=\"", "\"hasMore\":false,\"next\":\"\"", StringComparison.Ordinal));

        var first = await Adapter().ListAccountsAsync("main", new AccountQuery { Address = "users:", Metadata = new Dictionary<string, string> { ["tier"] = "gold" }, PageSize = 2 });
        var second = await Adapter().ListAccountsAsync("main", new AccountQuery { Address = "users:", PageSize = 2, Cursor = first.Value.Next });

        Assert.Equal("http://formance.test/api/ledger/v2/main/accounts?pageSize=2&expand=volumes", _formance.Requests[0].Uri.ToString());
        Assert.Equal("""{"$and":[{"$match":{"address":"users:"}},{"$match":{"metadata[tier]":"gold"}}]}""", _formance.Requests[0].Body);
        Assert.Equal("http://formance.test/api/ledger/v2/main/accounts?cursor=abc%3D", _formance.Requests[1].Uri.AbsoluteUri);
        Assert.Null(_formance.Requests[1].Body);
        Assert.Equal("abc=", first.Value.Next);
        Assert.Null(second.Value.Next);
        Assert.Equal(1, first.Value.Items[0].Balance("USD/2"));
    }

    [Fact]
    public async Task A_reverted_transaction_is_linked_to_its_reversal_found_by_Formance_reverts_metadata()
    {
        _formance
            .Answer(HttpStatusCode.OK, Transaction.Replace("\"reverted\":false", "\"reverted\":true", StringComparison.Ordinal))
            .Answer(HttpStatusCode.OK, """{"cursor":{"pageSize":1,"hasMore":false,"data":[{"id":13,"postings":[],"metadata":{"com.formance.spec/state/reverts":"12"},"timestamp":"2024-05-02T00:00:00Z","reverted":false}]}}""");

        var transaction = await Adapter().GetTransactionAsync("main", 12);

        Assert.Equal(13, transaction.Value.RevertedByTransactionId);
        Assert.Equal("""{"$match":{"metadata[com.formance.spec/state/reverts]":"12"}}""", _formance.Requests[1].Body);
    }

    [Fact]
    public async Task A_count_is_a_HEAD_read_from_the_Count_header_and_a_404_without_a_body_is_the_ledger_missing()
    {
        _formance.Answer(HttpStatusCode.NoContent, "", ("Count", "42")).Answer(HttpStatusCode.NotFound);

        var counted = await Adapter().CountTransactionsAsync("main");
        var missing = await Adapter().CountAccountsAsync("gone");

        Assert.Equal(42, counted.Value);
        Assert.Equal(LedgerErrors.LedgerNotFoundCode, missing.Error?.Code);
        Assert.All(_formance.Requests, request => Assert.Equal(HttpMethod.Head, request.Method));
        Assert.Equal("http://formance.test/api/ledger/v2/main/transactions", _formance.Requests[0].Uri.ToString());
        Assert.Equal("http://formance.test/api/ledger/v2/gone/accounts", _formance.Requests[1].Uri.ToString());
    }

    [Fact]
    public async Task A_count_answer_without_a_number_in_its_Count_header_is_an_exception_not_a_ledger_error()
    {
        _formance.Answer(HttpStatusCode.NoContent).Answer(HttpStatusCode.NoContent, "", ("Count", "-1"));

        var absent = await Assert.ThrowsAsync<FormanceLedgerException>(() => Adapter().CountTransactionsAsync("main"));
        var negative = await Assert.ThrowsAsync<FormanceLedgerException>(() => Adapter().CountAccountsAsync("main"));

        Assert.Contains("no Count header", absent.Message, StringComparison.Ordinal);
        Assert.Contains("'-1'", negative.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_error_after_the_retries_is_an_exception_not_a_ledger_error()
    {
        _formance.Answer(HttpStatusCode.InternalServerError, """{"errorCode":"INTERNAL","errorMessage":"boom"}""").Answer(HttpStatusCode.InternalServerError, "<html>").Answer(HttpStatusCode.InternalServerError, "<html>");

        var failure = await Assert.ThrowsAsync<FormanceLedgerException>(() => Adapter(retries: 2).GetTransactionAsync("main", 1));

        Assert.Contains("500", failure.Message, StringComparison.Ordinal);
        Assert.Equal(3, _formance.Requests.Count);
    }

    [Fact]
    public async Task Volumes_send_the_window_with_the_excluded_end_as_the_microsecond_before_it_and_the_filter_in_the_body()
    {
        _formance.Answer(HttpStatusCode.OK, """{"cursor":{"pageSize":15,"hasMore":false,"data":[{"account":"users:1","asset":"USD/2","input":5,"output":2,"balance":3}]}}""");
        var start = new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);

        var page = await Adapter().ListVolumesAsync("main", new VolumesQuery { Account = "users:", StartTime = start, EndTime = start.AddDays(1), InsertionDate = true, GroupBy = 2 });

        var request = Assert.Single(_formance.Requests);
        Assert.Equal(
            "http://formance.test/api/ledger/v2/main/volumes?pageSize=15&insertionDate=true&groupBy=2&startTime=2024-05-01T00%3A00%3A00Z&endTime=2024-05-01T23%3A59%3A59.999999Z",
            request.Uri.ToString());
        Assert.Equal("""{"$match":{"account":"users:"}}""", request.Body);
        Assert.Equal([new AccountVolumes("users:1", "USD/2", new Volumes(5, 2))], page.Value.Items);
    }

    [Fact]
    public async Task A_bulk_reads_Formance_s_rolled_back_atomic_elements_and_its_skipped_ones_as_such()
    {
        const string AtomicFailure = """
            {"data":[{"responseType":"ADD_METADATA","logID":3},
                     {"responseType":"ERROR","logID":0,"errorCode":"INSUFFICIENT_FUND","errorDescription":"account had insufficient funds"},
                     {"responseType":"ERROR","logID":0,"errorCode":"INTERNAL","errorDescription":"context canceled"}]}
            """;
        _formance.Answer(HttpStatusCode.BadRequest, AtomicFailure).Answer(HttpStatusCode.BadRequest, AtomicFailure);
        BulkAction[] actions =
        [
            new SetMetadataAction(new TransactionTarget(12), new Dictionary<string, string> { ["a"] = "b" }),
            new CreateTransactionAction(Payin with { IdempotencyKey = "k-2", Force = true }),
            new DeleteMetadataAction(new AccountTarget("users:1"), "a"),
        ];

        var atomic = await Adapter().ApplyBulkAsync("main", actions, new BulkOptions(Atomic: true, ContinueOnFailure: false));
        var inOrder = await Adapter().ApplyBulkAsync("main", actions, new BulkOptions(Atomic: false, ContinueOnFailure: false));

        Assert.Equal("http://formance.test/api/ledger/v2/main/_bulk?atomic=true&continueOnFailure=false", _formance.Requests[0].Uri.ToString());
        Assert.Contains("""{"action":"CREATE_TRANSACTION","data":{""", _formance.Requests[0].Body, StringComparison.Ordinal);
        Assert.Contains("\"force\":true", _formance.Requests[0].Body, StringComparison.Ordinal);
        Assert.Contains("\"ik\":\"k-2\"", _formance.Requests[0].Body, StringComparison.Ordinal);
        Assert.Contains("""{"action":"ADD_METADATA","data":{"targetType":"TRANSACTION","targetId":12,"metadata":{"a":"b"}}}""", _formance.Requests[0].Body, StringComparison.Ordinal);
        Assert.Equal([LedgerErrors.RolledBackCode, ErrorCodes.InsufficientFunds, LedgerErrors.RolledBackCode], atomic.Value.Select(result => result.Error!.Code));
        Assert.True(inOrder.Value[0].IsSuccess);
        Assert.Equal([ErrorCodes.InsufficientFunds, LedgerErrors.NotAttemptedCode], inOrder.Value.Skip(1).Select(result => result.Error!.Code));
    }

    [Fact]
    public async Task A_bulk_with_a_creation_without_a_key_is_not_retried()
    {
        _formance.Answer(HttpStatusCode.ServiceUnavailable);

        await Assert.ThrowsAsync<FormanceLedgerException>(() => Adapter().ApplyBulkAsync("main", [new CreateTransactionAction(Payin)], new BulkOptions(Atomic: true, ContinueOnFailure: false)));

        Assert.Single(_formance.Requests);
    }

    private FormanceLedger Adapter(TimeSpan? attemptTimeout = null, int retries = 3) =>
        new(new HttpClient(_formance, disposeHandler: false), new FormanceLedgerOptions(new Uri("http://formance.test/api/ledger/"))
        {
            AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(5),
            MaxRetries = retries,
            RetryDelay = TimeSpan.FromMilliseconds(1),
        });
}
