using WalletFlow.Application.Tenancy;

namespace WalletFlow.Application.Commands;

/// <summary>Who may call a command. A partner is an API key acting for one merchant (<see cref="Caller.Partner"/>).</summary>
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
    /// <summary>For a partner API key: the merchant it acts for and the operations it may call. A partner without one may do nothing.</summary>
    public PartnerGrant? Partner { get; init; }

    /// <summary>Operators share one scope: a key an operator's script used is the same command in the console.</summary>
    public const string OperatorScope = "operators";

    public static Caller Admin(string name) => new(name, CallerRoles.Admin, OperatorScope);

    public static Caller Operator(string name) => new(name, CallerRoles.Operator, OperatorScope);

    /// <summary>A partner API key: named by its key id (never its secret), idempotency scoped to its merchant.</summary>
    public static Caller ForPartner(PartnerGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return new(grant.Key.ToString(), CallerRoles.Partner, grant.IdempotencyScope) { Partner = grant };
    }
}
