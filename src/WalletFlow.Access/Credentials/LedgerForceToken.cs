using Microsoft.Extensions.Configuration;

namespace WalletFlow.Access.Credentials;

/// <summary>
/// The break-glass credential of <c>WALLETFLOW_LEDGER_FORCE_TOKEN</c>: an admin that also holds
/// <see cref="AccessRights.LedgerForce"/>, for an operator's correction that must overdraw an account on the raw ledger
/// surface. Unset (the default), nobody can force. It must differ from the operator token, or holding the everyday
/// credential would be holding the right.
/// </summary>
public sealed class LedgerForceToken
{
    public const string SettingName = "WALLETFLOW_LEDGER_FORCE_TOKEN";

    private readonly SecretToken _secret;

    public LedgerForceToken(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var secret = configuration[SettingName];
        if (secret is { Length: > 0 } && secret == configuration[OperatorToken.SettingName])
        {
            throw new InvalidOperationException($"{SettingName} equals {OperatorToken.SettingName}: the ledger-force credential must be a secret of its own.");
        }

        _secret = SecretToken.From(secret);
    }

    public bool Matches(string? candidate) => _secret.Matches(candidate);
}
