using Microsoft.Extensions.Configuration;

namespace WalletFlow.Access.Credentials;

/// <summary>
/// The console's Google OAuth client, from <c>GOOGLE_CLIENT_ID</c> and <c>GOOGLE_CLIENT_SECRET</c>. Sign in with Google
/// exists only when both are set; one without the other is a mistake the host refuses to start with.
/// </summary>
public sealed class GoogleSignInSettings
{
    public const string ClientIdSetting = "GOOGLE_CLIENT_ID";
    public const string ClientSecretSetting = "GOOGLE_CLIENT_SECRET";

    public GoogleSignInSettings(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ClientId = configuration[ClientIdSetting] is { Length: > 0 } id ? id : null;
        ClientSecret = configuration[ClientSecretSetting] is { Length: > 0 } secret ? secret : null;
        if ((ClientId is null) != (ClientSecret is null))
        {
            throw new InvalidOperationException(
                $"Sign in with Google needs both {ClientIdSetting} and {ClientSecretSetting}; only {(ClientId is null ? ClientSecretSetting : ClientIdSetting)} is set.");
        }
    }

    public string? ClientId { get; }

    public string? ClientSecret { get; }

    public bool IsConfigured => ClientId is not null;
}
