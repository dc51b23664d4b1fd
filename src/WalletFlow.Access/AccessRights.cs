namespace WalletFlow.Access;

/// <summary>
/// Rights beyond a role, held as claims of type <see cref="ClaimType"/>. A right is granted by a credential that names
/// it explicitly; no role implies one, and no partner credential can ever hold one.
/// </summary>
public static class AccessRights
{
    public const string ClaimType = "walletflow:right";

    /// <summary>Formance's <c>force</c>: post or revert even when an account other than <c>world</c> goes negative.</summary>
    public const string LedgerForce = "ledger:force";
}
