using WalletFlow.Access;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Api.Ledger;

/// <summary>
/// The embedded ledger served with Formance ledger v2's routes and shapes under <c>/api/ledger/v2</c>, the prefix
/// Formance's SDKs put in front of the ledger's paths, so that a Formance client given the API's base URL works
/// unchanged. A thin mapping onto <see cref="WalletFlow.Ledger.ILedger"/>: the routes, shapes and error codes are
/// in docs/ledger.md. Reads need an operator's bearer, writes an admin's; <see cref="LedgerApiMode"/> turns the writes
/// (or the whole surface) off.
/// </summary>
public static class FormanceLedgerApi
{
    /// <summary>Where Formance's SDKs reach the ledger service; its API versions are below.</summary>
    public const string ServicePrefix = "/api/ledger";

    public const string Prefix = ServicePrefix + "/v2";

    public static IEndpointRouteBuilder MapFormanceLedgerApi(this IEndpointRouteBuilder endpoints, LedgerApiMode mode)
    {
        if (mode == LedgerApiMode.Off)
        {
            return endpoints;
        }

        // Formance serves the server's info beside the versions (GET /_/info), and its v2 clients ask for it there.
        endpoints.MapGroup(ServicePrefix).WithTags("Ledger (Formance v2)").RequireAuthorization(AccessPolicies.ApiOperator)
            .MapGet("/_/info", LedgerEndpoints.ServerInfo).WithName("v2GetInfo");

        var v2 = endpoints.MapGroup(Prefix).WithTags("Ledger (Formance v2)");
        var writes = v2.MapGroup(string.Empty).RequireAuthorization(AccessPolicies.ApiAdmin);
        if (mode == LedgerApiMode.Read)
        {
            writes.AddEndpointFilter((_, _) => ValueTask.FromResult<object?>(LedgerApiAccess.WritesOff()));
        }

        var routes = new LedgerApiRoutes(v2.MapGroup(string.Empty).RequireAuthorization(AccessPolicies.ApiOperator), writes);
        LedgerEndpoints.Map(routes);
        TransactionEndpoints.Map(routes);
        AccountEndpoints.Map(routes);
        BalanceEndpoints.Map(routes);
        VolumeEndpoints.Map(routes);
        BulkEndpoints.Map(routes);

        // Formance's clients type an error only when it comes in Formance's envelope: a route the surface does not
        // serve answers in it too, rather than as the host's problem+json. The fallback also takes a served path asked
        // with another method (it outranks routing's own 405), so it tells the two apart.
        LedgerApiMethods? served = null;
        routes.Reads.MapFallback("{**path}", (HttpRequest request, EndpointDataSource endpoints) =>
            {
                served ??= LedgerApiMethods.Read(endpoints);
                return served.On(request.Path) is { Count: > 0 } allowed
                    ? FormanceHttp.MethodNotAllowed(request, allowed)
                    : FormanceHttp.Failure(new Error(
                        ErrorCodes.NotFound,
                        $"{request.Method} {request.Path} is not served by WalletFlow's Formance-compatible ledger surface (see docs/ledger.md)."));
            })
            .WithName("v2NotServed")
            .ExcludeFromDescription();
        return endpoints;
    }
}

/// <summary>Where a route of the surface goes: the reads (operators) or the writes (admins, and only when writes are on).</summary>
internal sealed record LedgerApiRoutes(RouteGroupBuilder Reads, RouteGroupBuilder Writes);
