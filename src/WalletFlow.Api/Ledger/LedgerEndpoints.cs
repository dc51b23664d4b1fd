using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using WalletFlow.Domain.Errors;
using WalletFlow.Ledger;
using WalletFlow.Ledger.Formance.Wire;

namespace WalletFlow.Api.Ledger;

/// <summary>
/// The ledgers and the server: <c>GET /v2</c> lists the ledgers, <c>POST /v2/{ledger}</c> creates one, <c>GET /v2/{ledger}</c> and
/// <c>GET /v2/{ledger}/_info</c> read one, <c>GET /_/info</c> (beside the versions, where Formance serves it) names the server.
/// </summary>
internal static class LedgerEndpoints
{
    /// <summary>Formance's default bucket: WalletFlow keeps every ledger in the one <c>ledger</c> schema.</summary>
    private const string Bucket = "_default";

    private static readonly V2ConfigInfo Server = new(
        "walletflow",
        typeof(LedgerEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(LedgerEndpoints).Assembly.GetName().Version?.ToString()
            ?? "unknown");

    public static void Map(LedgerApiRoutes v2)
    {
        v2.Reads.MapGet(string.Empty, ListLedgersAsync).WithName("v2ListLedgers");
        v2.Writes.MapPost("/{ledger}", CreateLedgerAsync).WithName("v2CreateLedger");
        v2.Reads.MapGet("/{ledger}", GetLedgerAsync).WithName("v2GetLedger");
        v2.Reads.MapGet("/{ledger}/_info", GetLedgerInfoAsync).WithName("v2GetLedgerInfo");
    }

    /// <summary>Formance answers its server's name and version bare, without the data envelope.</summary>
    public static IResult ServerInfo() => Results.Json(Server, FormanceJson.Options);

    /// <summary>
    /// By name. Formance's filters on ledgers (name, metadata) are refused: the port lists them all. <c>includeDeleted</c>
    /// changes nothing, as no ledger is ever deleted.
    /// </summary>
    private static async Task<IResult> ListLedgersAsync(HttpRequest request, [FromServices] ILedger ledgers, CancellationToken cancellationToken)
    {
        var listing = await ListingAsync(request, cancellationToken);
        if (!listing.IsSuccess)
        {
            return FormanceHttp.Failure(listing.Error);
        }

        return FormanceHttp.Page(await ledgers.ListLedgersAsync(listing.Value.ToLedgerQuery(), cancellationToken), listing.Value, ToWire);
    }

    /// <summary>404 <c>NOT_FOUND</c> for an unknown ledger, as Formance answers this route (it reads the ledger from its system store, not through the ledger resolver).</summary>
    private static async Task<IResult> GetLedgerAsync(string ledger, [FromServices] ILedger ledgers, CancellationToken cancellationToken)
    {
        var found = await ledgers.GetLedgerAsync(ledger, cancellationToken);
        return found.IsSuccess
            ? FormanceHttp.Data(ToWire(found.Value))
            : FormanceHttp.Failure(found.Error.Code == LedgerErrors.LedgerNotFoundCode ? new Error(ErrorCodes.NotFound, found.Error.Message) : found.Error);
    }

    private static V2Ledger ToWire(LedgerInfo ledger) => new(ledger.Name, ledger.AddedAt, Bucket, new Dictionary<string, string>());

    private static async Task<Result<LedgerApiCursor>> ListingAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.Query["cursor"].ToString() is { Length: > 0 } cursor)
        {
            return LedgerApiCursor.Decode(cursor);
        }

        var pageSize = FormanceHttp.PageSize(request);
        var includeDeleted = FormanceHttp.Flag(request, "includeDeleted");
        var filter = await FormanceHttp.ReadFilterAsync(request, cancellationToken);
        var filtered = filter is { IsSuccess: true, Value.Count: > 0 } ? Error.Validation("Ledgers cannot be filtered here: the listing is of every ledger, by name.", "query") : null;
        return FormanceHttp.FirstError(pageSize.Error, includeDeleted.Error, filter.Error, filtered) is { } refused
            ? refused
            : new LedgerApiCursor { PageSize = pageSize.Value, Position = "" };
    }

    /// <summary>
    /// The migrations are left empty: WalletFlow's migrations are of its whole database, not of a ledger's storage,
    /// and the ledger behind the port may not be in that database at all (the Formance adapter).
    /// </summary>
    private static async Task<IResult> GetLedgerInfoAsync(string ledger, [FromServices] ILedger ledgers, CancellationToken cancellationToken)
    {
        var found = await ledgers.GetLedgerAsync(ledger, cancellationToken);
        return found.IsSuccess
            ? FormanceHttp.Data(new V2LedgerInfo(found.Value.Name, new V2LedgerStorage([])))
            : FormanceHttp.Failure(found.Error);
    }

    /// <summary>
    /// 204 whether the ledger is new or already there: the port's creation is idempotent (Formance answers
    /// LEDGER_ALREADY_EXISTS for an existing one; see docs/ledger.md). Formance's body (bucket, metadata, features)
    /// configures its storage, which has no counterpart here, so it is checked to be JSON and otherwise not used.
    /// </summary>
    private static async Task<IResult> CreateLedgerAsync(string ledger, HttpRequest request, [FromServices] ILedger ledgers, CancellationToken cancellationToken)
    {
        var body = await FormanceHttp.ReadOptionalBodyAsync<JsonObject>(request, cancellationToken);
        if (!body.IsSuccess)
        {
            return FormanceHttp.Failure(body.Error);
        }

        var created = await ledgers.CreateLedgerAsync(ledger, cancellationToken);
        return created.IsSuccess ? Results.NoContent() : FormanceHttp.Failure(created.Error);
    }
}
