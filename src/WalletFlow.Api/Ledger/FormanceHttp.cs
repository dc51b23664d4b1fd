using System.Globalization;
using System.Text.Json;
using WalletFlow.Domain.Errors;
using WalletFlow.Ledger;
using WalletFlow.Ledger.Formance;
using WalletFlow.Ledger.Formance.Wire;

namespace WalletFlow.Api.Ledger;

/// <summary>Reading Formance-shaped requests and writing Formance-shaped answers: envelopes, error bodies, query parameters.</summary>
internal static class FormanceHttp
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string IdempotencyHitHeader = "Idempotency-Hit";
    public const string CountHeader = "Count";

    private const int DefaultPageSize = 15;
    private const int MaxPageSize = 1000;

    public static IResult Data<T>(T data, int status = StatusCodes.Status200OK) =>
        Results.Json(new V2Data<T>(data), FormanceJson.Options, statusCode: status);

    public static IResult Cursor<T>(int pageSize, bool hasMore, string? previous, string? next, IReadOnlyList<T> data) =>
        Results.Json(new V2CursorResponse<T>(new V2Cursor<T>(pageSize, hasMore, previous, next, data)), FormanceJson.Options);

    /// <summary>A page of a listing as Formance's cursor; its next and previous pages are cursors of the same listing.</summary>
    public static IResult Page<T, TWire>(Result<Page<T>> page, LedgerApiCursor listing, Func<T, TWire> toWire)
    {
        if (!page.IsSuccess)
        {
            return Failure(page.Error);
        }

        var (items, pageSize, hasMore, previous, next) = page.Value;
        return Cursor(pageSize, hasMore, listing.At(previous), listing.At(next), items.Select(toWire).ToList());
    }

    /// <summary>A count as Formance answers its HEAD routes: 204, the total in a <c>Count</c> header, no body.</summary>
    public static IResult Count(Result<long> count, HttpResponse response)
    {
        if (!count.IsSuccess)
        {
            return Failure(count.Error);
        }

        response.Headers[CountHeader] = count.Value.ToString(CultureInfo.InvariantCulture);
        return Results.NoContent();
    }

    /// <summary>
    /// The port counts a whole ledger as it is now. Formance also counts what a filter or a point in time selects;
    /// ignoring either would answer a wrong total, so they are refused.
    /// </summary>
    public static async Task<Error?> RefuseCountSelectionAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var filter = await ReadFilterAsync(request, cancellationToken);
        if (!filter.IsSuccess)
        {
            return filter.Error;
        }

        return filter.Value.Count > 0 || request.Query.ContainsKey("pit")
            ? Error.Validation("A count here is of the whole ledger as it is now: it takes no filter and no pit.", "query")
            : null;
    }

    /// <summary>Formance's error body; <c>details</c> names the offending input (a field, or the account short of funds).</summary>
    public static IResult Failure(Error error)
    {
        var (code, status) = FormanceErrors.ToFormance(error);
        return Results.Json(new V2ErrorResponse(code, error.Message, error.Field), FormanceJson.Options, statusCode: (int)status);
    }

    /// <summary>
    /// 405 for a served path asked with a method it does not take, with the methods it does take in <c>Allow</c>, in
    /// Formance's envelope (its clients type an error only in it; VALIDATION, as Formance's codes have no word for it).
    /// </summary>
    public static IResult MethodNotAllowed(HttpRequest request, IReadOnlyCollection<string> allowed)
    {
        var methods = string.Join(", ", allowed);
        request.HttpContext.Response.Headers.Allow = methods;
        return Results.Json(
            new V2ErrorResponse(FormanceErrorCodes.Validation, $"{request.Method} is not allowed on {request.Path}: it takes {methods}.", "method"),
            FormanceJson.Options,
            statusCode: StatusCodes.Status405MethodNotAllowed);
    }

    /// <summary>A required JSON body, read as <typeparamref name="T"/>; missing or malformed JSON is a VALIDATION error naming what is wrong.</summary>
    public static async Task<Result<T>> ReadBodyAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        var text = await ReadTextAsync(request, cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return Error.Validation("The request needs a JSON body.", "body");
        }

        return Deserialize<T>(text);
    }

    /// <summary>An optional JSON body: null when there is none, an error when there is one that does not read.</summary>
    public static async Task<Result<T?>> ReadOptionalBodyAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        var text = await ReadTextAsync(request, cancellationToken);
        return string.IsNullOrWhiteSpace(text) ? Result<T?>.Success(null) : Deserialize<T>(text).Map<T?>(value => value);
    }

    /// <summary>The filter of a list or an aggregate: the <c>query</c> parameter, else the body (Formance reads both).</summary>
    public static async Task<Result<IReadOnlyList<KeyValuePair<string, string>>>> ReadFilterAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var text = request.Query["query"].ToString();
        if (string.IsNullOrWhiteSpace(text))
        {
            text = await ReadTextAsync(request, cancellationToken);
        }

        return string.IsNullOrWhiteSpace(text) ? Array.Empty<KeyValuePair<string, string>>() : FormanceFilter.Parse(text);
    }

    /// <summary>A boolean query parameter the way Formance reads one (<c>true</c>/<c>1</c>, <c>false</c>/<c>0</c>, absent is false).</summary>
    public static Result<bool> Flag(HttpRequest request, string name)
    {
        var value = request.Query[name].ToString();
        return value.ToLowerInvariant() switch
        {
            "" or "false" or "0" => false,
            "true" or "1" => true,
            _ => Error.Validation($"Query parameter '{name}' must be true or false, not '{value}'.", name),
        };
    }

    public static Result<DateTimeOffset?> PointInTime(HttpRequest request) => Timestamp(request, "pit");

    /// <summary>An optional RFC 3339 date-time query parameter.</summary>
    public static Result<DateTimeOffset?> Timestamp(HttpRequest request, string name)
    {
        var value = request.Query[name].ToString();
        if (string.IsNullOrEmpty(value))
        {
            return Result<DateTimeOffset?>.Success(null);
        }

        return Rfc3339.TryParse(value, out var timestamp)
            ? timestamp
            : Error.Validation($"Query parameter '{name}' must be an RFC 3339 date-time, not '{value}'.", name);
    }

    /// <summary>An optional whole-number query parameter, 0 when absent.</summary>
    public static Result<int> WholeNumber(HttpRequest request, string name)
    {
        var value = request.Query[name].ToString();
        if (string.IsNullOrEmpty(value))
        {
            return 0;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : Error.Validation($"Query parameter '{name}' must be a whole number, not '{value}'.", name);
    }

    /// <summary>Formance's page size: 15 when absent, at most 1000 (a larger one is capped, as Formance does).</summary>
    public static Result<int> PageSize(HttpRequest request)
    {
        var value = request.Query["pageSize"].ToString();
        if (string.IsNullOrEmpty(value))
        {
            return DefaultPageSize;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size >= 1
            ? Math.Min(size, MaxPageSize)
            : Error.Validation($"Query parameter 'pageSize' must be a whole number from 1 to {MaxPageSize}, not '{value}'.", "pageSize");
    }

    /// <summary>The <c>expand</c> values, given repeated or comma-separated.</summary>
    public static IReadOnlySet<string> Expand(HttpRequest request) =>
        request.Query["expand"].SelectMany(value => (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.Ordinal);

    public static Result<long> TransactionId(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : Error.Validation($"Transaction id '{id}' is not a whole number.", "id");

    /// <summary><c>dryRun</c> would need a ledger that can run a transaction without committing it; refusing it is safer than ignoring it.</summary>
    public static Error? RefuseDryRun(HttpRequest request) =>
        Flag(request, "dryRun") is { IsSuccess: true, Value: false } ? null : Error.Validation("dryRun is not supported by WalletFlow's ledger.", "dryRun");

    /// <summary>The first refusal among several checks of one request, so a request is answered with one error.</summary>
    public static Error? FirstError(params Error?[] errors) => errors.FirstOrDefault(error => error is not null);

    public static string? IdempotencyKey(HttpRequest request)
    {
        var key = request.Headers[IdempotencyKeyHeader].ToString();
        return string.IsNullOrEmpty(key) ? null : key;
    }

    private static Result<T> Deserialize<T>(string text)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(text, FormanceJson.Options) is { } value
                ? value
                : Error.Validation("The JSON body is null.", "body");
        }
        catch (JsonException exception)
        {
            // The serializer names the place in its own messages but not in a converter's.
            var where = exception.Path is { } path && !exception.Message.Contains("Path:", StringComparison.Ordinal) ? $" at {path}" : "";
            return Error.Validation($"The body is not the expected JSON{where}: {exception.Message}", exception.Path is { Length: > 2 } field ? field[2..] : "body");
        }
    }

    private static async Task<string> ReadTextAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
