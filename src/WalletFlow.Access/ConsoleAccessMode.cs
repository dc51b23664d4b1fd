using Microsoft.Extensions.Hosting;
using WalletFlow.Access.Credentials;

namespace WalletFlow.Access;

/// <summary>How the console admits people, decided once at startup from the operator token, Google sign-in and the environment.</summary>
public sealed class ConsoleAccessMode
{
    public ConsoleAccessMode(OperatorToken token, GoogleSignInSettings google, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(google);
        if (!token.IsConfigured && !google.IsConfigured && environment.IsProduction())
        {
            throw new InvalidOperationException(
                $"{OperatorToken.SettingName} is not set. In Production the /ops console needs an operator token: set {OperatorToken.SettingName} to a long random secret.");
        }

        TokenSignIn = token.IsConfigured;
        GoogleSignIn = google.IsConfigured;
        IsOpen = !TokenSignIn && !GoogleSignIn && environment.IsDevelopment();
    }

    /// <summary>Neither a token nor Google sign-in in Development: open to anyone who can reach it.</summary>
    public bool IsOpen { get; }

    /// <summary>The login form exchanges <c>AUTH_TOKEN</c> for a session.</summary>
    public bool TokenSignIn { get; }

    /// <summary>Sign in with Google is offered (<c>GOOGLE_CLIENT_ID</c> and <c>GOOGLE_CLIENT_SECRET</c> are set).</summary>
    public bool GoogleSignIn { get; }

    /// <summary>Without any way to sign in outside Development nobody can: the console stays closed rather than open.</summary>
    public bool SignInAvailable => TokenSignIn || GoogleSignIn;
}
