using System.Security.Claims;

namespace WalletFlow.Access.Credentials;

/// <summary>
/// The operator bearer tokens the host accepts and the principal each one is. Partner API keys are not configuration:
/// the bearer handler checks them against their rows (<see cref="WalletFlow.Application.Tenancy.AuthenticatePartnerKey"/>).
/// </summary>
public sealed class BearerCredentials(OperatorToken operatorToken, LedgerForceToken ledgerForceToken)
{
    public const string OperatorTokenName = "operator token";
    public const string LedgerForceTokenName = "ledger-force token";

    /// <summary>Whether any bearer can authenticate: without one, every bearer-only route refuses every call.</summary>
    public bool AnyConfigured => operatorToken.IsConfigured;

    /// <summary>The principal <paramref name="token"/> stands for, or null when it is none of ours. Every secret is compared, always.</summary>
    public ClaimsPrincipal? Identify(string token, string authenticationType)
    {
        var isOperator = operatorToken.Matches(token);
        var isForce = ledgerForceToken.Matches(token);
        return isForce
            ? Principals.Create(LedgerForceTokenName, AccessRoles.Admin, authenticationType, AccessRights.LedgerForce)
            : isOperator ? Principals.Create(OperatorTokenName, AccessRoles.Admin, authenticationType) : null;
    }
}
