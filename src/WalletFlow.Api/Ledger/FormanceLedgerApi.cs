using WalletFlow.Access;

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
    public const string Prefix = "/api/ledger/v2";

    public static IEndpointRouteBuilder MapFormanceLedgerApi(this IEndpointRouteBuilder endpoints, LedgerApiMode mode)
    {
        if (mode == LedgerApiMode.Off)
        {
            return endpoints;
        }

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
        return endpoints;
    }
}

/// <summary>Where a route of the surface goes: the reads (operators) or the writes (admins, and only when writes are on).</summary>
internal sealed record LedgerApiRoutes(RouteGroupBuilder Reads, RouteGroupBuilder Writes);
