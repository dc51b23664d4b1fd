namespace WalletFlow.Console.Access;

public static class OpsAuthenticationSchemes
{
    /// <summary>Picks one of the others per request.</summary>
    public const string Selector = "ops";

    public const string Cookie = "ops-cookie";

    public const string Bearer = "ops-bearer";

    /// <summary>Development without a token: everyone is a local admin.</summary>
    public const string Open = "ops-open";
}
