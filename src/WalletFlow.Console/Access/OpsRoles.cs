namespace WalletFlow.Console.Access;

/// <summary>Who may do what in the console: admins everything, operators everything but Controls and Settings.</summary>
public static class OpsRoles
{
    public const string Admin = "admin";
    public const string Operator = "operator";

    /// <summary>The policy every console page requires: a session of either role.</summary>
    public const string AnyOperatorPolicy = "ops-any-operator";
}
