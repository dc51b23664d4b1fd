namespace WalletFlow.Access;

/// <summary>The authentication schemes of the host.</summary>
public static class AccessSchemes
{
    /// <summary>Picks one of the others per request: the bearer when the request carries one, else the console's.</summary>
    public const string Selector = "walletflow";

    /// <summary><c>Authorization: Bearer &lt;token&gt;</c>: scripts and partners; the only scheme REST, gRPC and the ledger surface accept.</summary>
    public const string Bearer = "bearer";

    /// <summary>The console's session cookie.</summary>
    public const string Cookie = "ops-cookie";

    /// <summary>Sign in with Google: its callback turns an allowed email into a <see cref="Cookie"/> session.</summary>
    public const string Google = "ops-google";

    /// <summary>Development without a token: every console request is a local admin.</summary>
    public const string Open = "ops-open";
}
