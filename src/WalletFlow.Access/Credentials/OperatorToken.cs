using Microsoft.Extensions.Configuration;

namespace WalletFlow.Access.Credentials;

/// <summary>The operator token from <c>AUTH_TOKEN</c>, if one is configured: an admin, for people (the console) and scripts.</summary>
public sealed class OperatorToken(IConfiguration configuration)
{
    public const string SettingName = "AUTH_TOKEN";

    private readonly SecretToken _secret = SecretToken.From(configuration[SettingName]);

    public bool IsConfigured => _secret.IsConfigured;

    public bool Matches(string? candidate) => _secret.Matches(candidate);
}
