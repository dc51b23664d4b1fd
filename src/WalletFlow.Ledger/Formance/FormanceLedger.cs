using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Polly;
using WalletFlow.Domain.Errors;
using WalletFlow.Ledger.Formance.Wire;

namespace WalletFlow.Ledger.Formance;

/// <summary>
/// The ledger port over Formance ledger v2's HTTP API. Formance's answers are read into the port's records and its
/// error codes into WalletFlow's (<see cref="FormanceErrors"/>); timeouts and retries follow
/// <see cref="FormanceResilience"/>. Amounts travel as exact JSON integers of any size.
/// </summary>
public sealed class FormanceLedger : ILedger
{
    private const string IdempotencyKeyHeader = "Idempotency-Key";
    private const string IdempotencyHitHeader = "Idempotency-Hit";
    private const string CountHeader = "Count";

    private readonly HttpClient _http;
    private readonly Uri _baseAddress;
    private readonly FormanceResilience _resilience;

    public FormanceLedger(HttpClient http, FormanceLedgerOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _baseAddress = new Uri(options.BaseAddress.AbsoluteUri.TrimEnd('/') + "/");
        _resilience = new FormanceResilience(options, timeProvider ?? TimeProvider.System);
    }

    public async Task<Result<string>> CreateLedgerAsync(string ledger, CancellationToken cancellationToken = default)
    {
        var answer = await SendAsync(HttpMethod.Post, $"v2/{Segment(ledger)}", body: null, idempotencyKey: null, retried: true, cancellationToken);
        if (answer.IsSuccess || answer.Error() is { ErrorCode: FormanceErrorCodes.LedgerAlreadyExists })
        {
            return ledger;
        }

        return answer.Failure();
    }

    public async Task<Result<LedgerInfo>> GetLedgerAsync(string ledger, CancellationToken cancellationToken = default)
    {
        var answer = await ReadAsync($"v2/{Segment(ledger)}", filter: null, cancellationToken);
        if (!answer.IsSuccess)
        {
            // Formance reads a ledger by name from its system store and answers NOT_FOUND, not LEDGER_NOT_FOUND, for one it does not know.
            return answer.Error() is { ErrorCode: FormanceErrorCodes.NotFound } ? LedgerErrors.LedgerNotFound(ledger) : answer.Failure();
        }

        var data = answer.Read<V2Data<V2Ledger>>().Data;
        return new LedgerInfo(data.Name, data.AddedAt);
    }

    public async Task<Result<Page<LedgerInfo>>> ListLedgersAsync(LedgerQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var answer = await ReadAsync(query.Cursor is { } cursor ? $"v2?cursor={Uri.EscapeDataString(cursor)}" : $"v2?pageSize={query.PageSize}", filter: null, cancellationToken);
        if (!answer.IsSuccess)
        {
            return answer.Failure();
        }

        var page = answer.Read<V2CursorResponse<V2Ledger>>().Cursor;
        return ToPage(page, page.Data.Select(ledger => new LedgerInfo(ledger.Name, ledger.AddedAt)).ToList());
    }

    public async Task<Result<PostResult>> PostAsync(string ledger, TransactionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = $"v2/{Segment(ledger)}/transactions" + (request.Force ? "?force=true" : "");
        var answer = await SendAsync(HttpMethod.Post, path, FormanceMapping.ToWire(request), request.IdempotencyKey, retried: request.IdempotencyKey is not null, cancellationToken);
        return await ToPostResultAsync(ledger, answer, request.IdempotencyKey, cancellationToken);
    }

    /// <summary>
    /// Posts one by one, in order, each with its own idempotency key and retry policy. Formance's <c>_bulk</c> endpoint
    /// does not say which items were replays of an idempotency key, and the port's results must.
    /// </summary>
    public async Task<IReadOnlyList<Result<PostResult>>> PostBatchAsync(string ledger, IReadOnlyList<TransactionRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var results = new List<Result<PostResult>>(requests.Count);
        foreach (var request in requests)
        {
            results.Add(await PostAsync(ledger, request, cancellationToken));
        }

        return results;
    }

    public async Task<Result<PostResult>> RevertAsync(string ledger, RevertRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = $"v2/{Segment(ledger)}/transactions/{Id(request.TransactionId)}/revert?force={Flag(request.Force)}&atEffectiveDate={Flag(request.AtEffectiveDate)}";
        var body = request.Metadata.Count > 0 ? new V2RevertTransaction(request.Metadata) : null;
        var answer = await SendAsync(HttpMethod.Post, path, body, request.IdempotencyKey, retried: request.IdempotencyKey is not null, cancellationToken);
        return await ToPostResultAsync(ledger, answer, request.IdempotencyKey, cancellationToken);
    }

    public async Task<Result<LedgerTransaction>> GetTransactionAsync(string ledger, long id, CancellationToken cancellationToken = default)
    {
        var answer = await ReadAsync($"v2/{Segment(ledger)}/transactions/{Id(id)}?expand=volumes", filter: null, cancellationToken);
        if (!answer.IsSuccess)
        {
            return answer.Failure();
        }

        return await ToPortAsync(ledger, answer.Read<V2Data<V2Transaction>>().Data, cancellationToken);
    }

    /// <summary>One read per transaction: Formance's v2 API has no read of several transactions by id.</summary>
    public async Task<Result<IReadOnlyDictionary<long, LedgerTransaction>>> GetTransactionsAsync(string ledger, IReadOnlyList<long> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var found = new Dictionary<long, LedgerTransaction>();
        foreach (var id in ids.Distinct())
        {
            var read = await GetTransactionAsync(ledger, id, cancellationToken);
            if (read.TryGetValue(out var transaction, out var error))
            {
                found[id] = transaction;
            }
            else if (error.Code != ErrorCodes.NotFound)
            {
                return error;
            }
        }

        return found;
    }

    public async Task<Result<AccountView>> GetAccountAsync(string ledger, string address, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        var answer = await ReadAsync($"v2/{Segment(ledger)}/accounts/{Segment(address)}?{VolumesAsOf(asOf)}", filter: null, cancellationToken);
        if (answer.IsSuccess)
        {
            return FormanceMapping.ToPort(answer.Read<V2Data<V2Account>>().Data, effective: asOf is not null);
        }

        // Formance has no row for an account never used (or not yet used at the point in time); the port answers empty.
        return answer.Error() is { ErrorCode: FormanceErrorCodes.NotFound }
            ? new AccountView(address, new Dictionary<string, string>(), new Dictionary<string, Volumes>())
            : answer.Failure();
    }

    public async Task<Result<Page<AccountView>>> ListAccountsAsync(string ledger, AccountQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var answer = query.Cursor is { } cursor
            ? await ReadAsync($"v2/{Segment(ledger)}/accounts?cursor={Uri.EscapeDataString(cursor)}", filter: null, cancellationToken)
            : await ReadAsync($"v2/{Segment(ledger)}/accounts?pageSize={query.PageSize}&{VolumesAsOf(query.AsOf)}", FormanceFilter.ForAccounts(query), cancellationToken);
        if (!answer.IsSuccess)
        {
            return answer.Failure();
        }

        var page = answer.Read<V2CursorResponse<V2Account>>().Cursor;
        // A cursor carries the whole query, point in time included: an effective-volumes read stays one.
        var effective = page.Data.Any(account => account.EffectiveVolumes is not null);
        return ToPage(page, page.Data.Select(account => FormanceMapping.ToPort(account, effective)).ToList());
    }

    public async Task<Result<Page<LedgerTransaction>>> ListTransactionsAsync(string ledger, TransactionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var answer = query.Cursor is { } cursor
            ? await ReadAsync($"v2/{Segment(ledger)}/transactions?cursor={Uri.EscapeDataString(cursor)}", filter: null, cancellationToken)
            : await ReadAsync($"v2/{Segment(ledger)}/transactions?pageSize={query.PageSize}&expand=volumes", FormanceFilter.ForTransactions(query), cancellationToken);
        if (!answer.IsSuccess)
        {
            return answer.Failure();
        }

        var page = answer.Read<V2CursorResponse<V2Transaction>>().Cursor;
        var transactions = new List<LedgerTransaction>(page.Data.Count);
        foreach (var transaction in page.Data)
        {
            transactions.Add(await ToPortAsync(ledger, transaction, cancellationToken));
        }

        return ToPage(page, transactions);
    }

    public Task<Result<long>> CountTransactionsAsync(string ledger, CancellationToken cancellationToken = default) =>
        CountAsync(ledger, $"v2/{Segment(ledger)}/transactions", cancellationToken);

    public Task<Result<long>> CountAccountsAsync(string ledger, CancellationToken cancellationToken = default) =>
        CountAsync(ledger, $"v2/{Segment(ledger)}/accounts", cancellationToken);

    public async Task<Result<IReadOnlyDictionary<string, BigInteger>>> AggregateBalancesAsync(string ledger, string? addressPattern, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        var pointInTime = asOf is { } date ? $"?pit={Uri.EscapeDataString(Rfc3339.Format(date))}" : "";
        var answer = await ReadAsync($"v2/{Segment(ledger)}/aggregate/balances{pointInTime}", FormanceFilter.ForAddress(addressPattern), cancellationToken);
        return answer.IsSuccess ? Result<IReadOnlyDictionary<string, BigInteger>>.Success(answer.Read<V2Data<Dictionary<string, BigInteger>>>().Data) : answer.Failure();
    }

    /// <summary>
    /// Formance's window is closed at both ends and its timestamps keep microseconds: the port's end, excluded, is
    /// sent as the microsecond before it.
    /// </summary>
    public async Task<Result<Page<AccountVolumes>>> ListVolumesAsync(string ledger, VolumesQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        Answer answer;
        if (query.Cursor is { } cursor)
        {
            answer = await ReadAsync($"v2/{Segment(ledger)}/volumes?cursor={Uri.EscapeDataString(cursor)}", filter: null, cancellationToken);
        }
        else
        {
            var window = (query.StartTime is { } start ? $"&startTime={Uri.EscapeDataString(Rfc3339.Format(start))}" : "")
                + (query.EndTime is { } end ? $"&endTime={Uri.EscapeDataString(Rfc3339.Format(end.AddMicroseconds(-1)))}" : "");
            var path = $"v2/{Segment(ledger)}/volumes?pageSize={query.PageSize}&insertionDate={Flag(query.InsertionDate)}&groupBy={query.GroupBy}{window}";
            answer = await ReadAsync(path, FormanceFilter.ForVolumes(query), cancellationToken);
        }

        if (!answer.IsSuccess)
        {
            return answer.Failure();
        }

        var page = answer.Read<V2CursorResponse<V2VolumesWithBalance>>().Cursor;
        return ToPage(page, page.Data.Select(row => new AccountVolumes(row.Account, row.Asset, new Volumes(row.Input, row.Output))).ToList());
    }

    /// <summary>
    /// One call to Formance's <c>_bulk</c>. Retried only when every creation and revert carries an idempotency key, as
    /// a single post is. Formance does not say which elements replayed their key: none is reported as a replay.
    /// </summary>
    public async Task<Result<IReadOnlyList<Result<BulkOutcome>>>> ApplyBulkAsync(
        string ledger, IReadOnlyList<BulkAction> actions, BulkOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(options);
        var elements = actions.Select(FormanceBulk.ToWire).ToList();
        var retried = elements.All(element => element.Ik is not null || element.Action is not (FormanceBulk.CreateTransaction or FormanceBulk.RevertTransaction));
        var path = $"v2/{Segment(ledger)}/_bulk?atomic={Flag(options.Atomic)}&continueOnFailure={Flag(options.ContinueOnFailure)}";
        var answer = await SendAsync(HttpMethod.Post, path, elements, idempotencyKey: null, retried, cancellationToken);
        if (answer.Status is not (HttpStatusCode.OK or HttpStatusCode.BadRequest) || answer.Read<V2BulkResponse>() is not { Data: { } results })
        {
            return answer.Failure();
        }

        var firstFailure = results.ToList().FindIndex(FormanceBulk.FailedOnItsOwn);
        int? rolledBackBy = options.Atomic && firstFailure >= 0 ? firstFailure : null;
        var outcomes = new List<Result<BulkOutcome>>(actions.Count);
        for (var i = 0; i < actions.Count; i++)
        {
            // Formance's older bulk stops answering at the first failure.
            var read = i < results.Count ? FormanceBulk.ToPort(results[i], elements[i].Ik, rolledBackBy) : LedgerErrors.NotAttempted;
            outcomes.Add(!read.TryGetValue(out var transaction, out var error)
                ? error
                : new BulkOutcome(transaction is null ? null : new PostResult(await ToPortAsync(ledger, transaction, cancellationToken), IdempotencyHit: false)));
        }

        return Result<IReadOnlyList<Result<BulkOutcome>>>.Success(outcomes);
    }

    public Task<Result<bool>> SetAccountMetadataAsync(string ledger, string address, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken = default) =>
        WriteMetadataAsync(HttpMethod.Post, $"v2/{Segment(ledger)}/accounts/{Segment(address)}/metadata", metadata, cancellationToken);

    public Task<Result<bool>> DeleteAccountMetadataAsync(string ledger, string address, string key, CancellationToken cancellationToken = default) =>
        WriteMetadataAsync(HttpMethod.Delete, $"v2/{Segment(ledger)}/accounts/{Segment(address)}/metadata/{Segment(key)}", body: null, cancellationToken);

    public Task<Result<bool>> SetTransactionMetadataAsync(string ledger, long id, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken = default) =>
        WriteMetadataAsync(HttpMethod.Post, $"v2/{Segment(ledger)}/transactions/{Id(id)}/metadata", metadata, cancellationToken);

    public Task<Result<bool>> DeleteTransactionMetadataAsync(string ledger, long id, string key, CancellationToken cancellationToken = default) =>
        WriteMetadataAsync(HttpMethod.Delete, $"v2/{Segment(ledger)}/transactions/{Id(id)}/metadata/{Segment(key)}", body: null, cancellationToken);

    // Setting or deleting metadata twice leaves the same state as once: safe to retry without a key.
    private async Task<Result<bool>> WriteMetadataAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(method, path, body, idempotencyKey: null, retried: true, cancellationToken);
        return answer.IsSuccess ? true : answer.Failure();
    }

    private async Task<Result<PostResult>> ToPostResultAsync(string ledger, Answer answer, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (!answer.IsSuccess)
        {
            return answer.Failure(idempotencyKey);
        }

        var transaction = await ToPortAsync(ledger, answer.Read<V2Data<V2Transaction>>().Data, cancellationToken);
        return new PostResult(transaction, answer.IdempotencyHit);
    }

    /// <summary>
    /// Formance says a transaction is reverted but not by which one; the reversal carries the reverted id in its
    /// metadata, so it is looked up (one read, only for reverted transactions).
    /// </summary>
    private async Task<LedgerTransaction> ToPortAsync(string ledger, V2Transaction transaction, CancellationToken cancellationToken)
    {
        if (!transaction.Reverted)
        {
            return FormanceMapping.ToPort(transaction, revertedBy: null);
        }

        var filter = FormanceFilter.ForMetadata(LedgerTransaction.RevertsMetadataKey, transaction.Id.ToString(CultureInfo.InvariantCulture));
        var answer = await ReadAsync($"v2/{Segment(ledger)}/transactions?pageSize=1", filter, cancellationToken);
        var reversal = answer.IsSuccess ? answer.Read<V2CursorResponse<V2Transaction>>().Cursor.Data.FirstOrDefault() : null;
        return reversal is null
            ? throw new FormanceLedgerException($"Formance says transaction {transaction.Id} is reverted, but no transaction names it in '{LedgerTransaction.RevertsMetadataKey}'.")
            : FormanceMapping.ToPort(transaction, reversal.Id);
    }

    /// <summary>
    /// Formance counts with a HEAD on the list's route and answers the total in a <c>Count</c> header. An answer to a
    /// HEAD has no body, so a refusal carries no error envelope: a 404 on the ledger's own collection can only mean
    /// the ledger is missing.
    /// </summary>
    private async Task<Result<long>> CountAsync(string ledger, string path, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(HttpMethod.Head, path, body: null, idempotencyKey: null, retried: true, cancellationToken);
        if (answer.IsSuccess)
        {
            return answer.ReadCount();
        }

        return answer.Status == HttpStatusCode.NotFound && answer.Error() is null ? LedgerErrors.LedgerNotFound(ledger) : answer.Failure();
    }

    private Task<Answer> ReadAsync(string path, object? filter, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, filter, idempotencyKey: null, retried: true, cancellationToken);

    private async Task<Answer> SendAsync(HttpMethod method, string path, object? body, string? idempotencyKey, bool retried, CancellationToken cancellationToken)
    {
        var uri = new Uri(_baseAddress, path);
        var pipeline = retried ? _resilience.Retried : _resilience.Once;
        using var response = await pipeline.ExecuteAsync(
            async token =>
            {
                // A request message can be sent once: every attempt builds its own.
                using var request = new HttpRequestMessage(method, uri);
                if (body is not null)
                {
                    // Formance reads list and aggregate filters from the body of a GET.
                    request.Content = JsonContent.Create(body, body.GetType(), options: FormanceJson.Options);
                }

                if (idempotencyKey is not null)
                {
                    request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
                }

                return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token);
            },
            cancellationToken);

        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var hit = response.Headers.TryGetValues(IdempotencyHitHeader, out var values) && values.Contains("true", StringComparer.OrdinalIgnoreCase);
        var count = response.Headers.TryGetValues(CountHeader, out var counts) ? string.Join(',', counts) : null;
        return new Answer(method, uri, response.StatusCode, content, hit, count);
    }

    private static Page<T> ToPage<TWire, T>(V2Cursor<TWire> page, IReadOnlyList<T> items) =>
        new(items, page.PageSize, page.HasMore, string.IsNullOrEmpty(page.Previous) ? null : page.Previous, string.IsNullOrEmpty(page.Next) ? null : page.Next);

    private static string VolumesAsOf(DateTimeOffset? asOf) =>
        asOf is { } date ? $"expand=effectiveVolumes&pit={Uri.EscapeDataString(Rfc3339.Format(date))}" : "expand=volumes";

    private static string Segment(string value) => Uri.EscapeDataString(value);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Flag(bool value) => value ? "true" : "false";

    /// <summary>One answer from Formance, read in full.</summary>
    private sealed record Answer(HttpMethod Method, Uri Uri, HttpStatusCode Status, byte[] Content, bool IdempotencyHit, string? Count)
    {
        public bool IsSuccess => (int)Status is >= 200 and < 300;

        public T Read<T>()
        {
            try
            {
                return JsonSerializer.Deserialize<T>(Content, FormanceJson.Options) ?? throw Unexpected("an empty body");
            }
            catch (JsonException exception)
            {
                throw new FormanceLedgerException($"{Method} {Uri} answered {(int)Status} with a body that is not Formance's: {Excerpt()}", exception);
            }
        }

        public long ReadCount() =>
            long.TryParse(Count, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                ? count
                : throw Unexpected(Count is null ? "no Count header" : $"a Count header that is not a count: '{Count}'");

        /// <summary>Formance's error envelope, when the answer is a 4xx that carries one.</summary>
        public V2ErrorResponse? Error()
        {
            if (IsSuccess || (int)Status >= 500)
            {
                return null;
            }

            try
            {
                return JsonSerializer.Deserialize<V2ErrorResponse>(Content, FormanceJson.Options) is { ErrorCode: not null } error ? error : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        public Error Failure(string? idempotencyKey = null) =>
            Error() is { } error ? FormanceErrors.ToWalletFlow(error, idempotencyKey) : throw Unexpected(Excerpt());

        private FormanceLedgerException Unexpected(string what) => new($"{Method} {Uri} answered {(int)Status} with {what}.");

        private string Excerpt()
        {
            var text = Encoding.UTF8.GetString(Content);
            return text.Length <= 500 ? text : text[..500] + "…";
        }
    }
}
