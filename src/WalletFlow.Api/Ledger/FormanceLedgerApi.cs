namespace WalletFlow.Api.Ledger;

/// <summary>
/// The embedded ledger served with Formance ledger v2's routes and shapes under <c>/api/ledger/v2</c>, the prefix
/// Formance's SDKs put in front of the ledger's paths, so that a Formance client given the API's base URL works
/// unchanged. A thin mapping onto <see cref="WalletFlow.Ledger.ILedger"/>: the routes, shapes and error codes are
/// in docs/ledger.md.
/// </summary>
public static class FormanceLedgerApi
{
    public const string Prefix = "/api/ledger/v2";

    public static IEndpointRouteBuilder MapFormanceLedgerApi(this IEndpointRouteBuilder endpoints)
    {
        var v2 = endpoints.MapGroup(Prefix).RequireLedgerApiAuthorization().WithTags("Ledger (Formance v2)");
        LedgerEndpoints.Map(v2);
        TransactionEndpoints.Map(v2);
        AccountEndpoints.Map(v2);
        BalanceEndpoints.Map(v2);
        return endpoints;
    }
}
