using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.Commands;

/// <summary>
/// The one place that decides whether a caller may run a command or a query: its role, a partner key's scopes, and
/// the merchant of what it touches. Every front goes through the executor, so per-merchant limits grow here too; the
/// key itself (revoked, expired, from where) is checked before, when it authenticates.
/// </summary>
public static class CommandAuthorization
{
    public static Error? Check(Caller caller, string operation, CallerRoles allowed)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if ((caller.Roles & allowed) == 0)
        {
            return new Error(ErrorCodes.Forbidden, $"{caller.Name} may not call {operation}: it needs one of the roles {allowed}.");
        }

        if (!caller.Roles.HasFlag(CallerRoles.Partner))
        {
            return null;
        }

        return caller.Partner is { } partner && partner.Scopes.Contains(operation)
            ? null
            : new Error(ErrorCodes.ScopeMissing, $"API key {caller.Name} may not call {operation}: its scopes do not name it. An admin creates a key with the scopes it needs.");
    }

    /// <summary>
    /// Whether a partner may touch what a command or read names, given the merchants of the wallets it touches: every
    /// one must be the key's merchant, and a command that names none (nothing to hold the key to) is refused too.
    /// Operators may touch any merchant's wallets.
    /// </summary>
    public static Error? CheckMerchants(Caller caller, string operation, IReadOnlyCollection<string> merchants)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(merchants);
        if (!caller.Roles.HasFlag(CallerRoles.Partner))
        {
            return null;
        }

        var own = caller.Partner?.Merchant.Value;
        return own is not null && merchants.Count > 0 && merchants.All(merchant => merchant == own)
            ? null
            // The other merchant is not named: a key of one tenant learns nothing of another's merchants.
            : new Error(ErrorCodes.WrongMerchant, $"API key {caller.Name} acts for merchant {own ?? "none"} only, and this {operation} names {(merchants.Count == 0 ? "no wallet of it" : "a wallet of another merchant")}. Nothing was read or moved.");
    }
}
