namespace WalletFlow.Application.Commands;

/// <summary>Who may call a command. Partners arrive with the tenancy work; the registry already says which commands are theirs.</summary>
[Flags]
public enum CallerRoles
{
    None = 0,
    Admin = 1,
    Operator = 2,
    Partner = 4,
    Operators = Admin | Operator,
    Everyone = Admin | Operator | Partner,
}

/// <summary>
/// The authenticated caller of a command. <see cref="Scope"/> is the namespace of its idempotency keys: two callers
/// may use the same key without meeting.
/// </summary>
public sealed record Caller(string Name, CallerRoles Roles, string Scope)
{
    /// <summary>Operators share one scope: a key an operator's script used is the same command in the console.</summary>
    public const string OperatorScope = "operators";

    public static Caller Admin(string name) => new(name, CallerRoles.Admin, OperatorScope);

    public static Caller Operator(string name) => new(name, CallerRoles.Operator, OperatorScope);
}
