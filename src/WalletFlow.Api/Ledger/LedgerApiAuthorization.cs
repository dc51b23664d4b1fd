namespace WalletFlow.Api.Ledger;

/// <summary>
/// The one place where the Formance-compatible ledger API decides who may call it. WalletFlow does not authenticate
/// callers yet (that arrives with the /v1 API); when it does, this method requires that policy instead of
/// allowing every caller, and every ledger route follows.
/// </summary>
internal static class LedgerApiAuthorization
{
    public static RouteGroupBuilder RequireLedgerApiAuthorization(this RouteGroupBuilder group) => group.AllowAnonymous();
}
