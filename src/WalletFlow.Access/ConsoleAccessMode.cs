using Microsoft.Extensions.Hosting;
using WalletFlow.Access.Credentials;

namespace WalletFlow.Access;

/// <summary>How the console admits people, decided once at startup from the token and the environment.</summary>
public sealed class ConsoleAccessMode
{
    public ConsoleAccessMode(OperatorToken token, IHostEnvironment environment)
    {
        if (!token.IsConfigured && environment.IsProduction())
        {
            throw new InvalidOperationException(
                $"{OperatorToken.SettingName} is not set. In Production the /ops console needs an operator token: set {OperatorToken.SettingName} to a long random secret.");
        }

        IsOpen = !token.IsConfigured && environment.IsDevelopment();
        SignInAvailable = token.IsConfigured;
    }

    /// <summary>No token in Development: open to anyone who can reach it.</summary>
    public bool IsOpen { get; }

    /// <summary>Without a token outside Development nobody can sign in: the console stays closed rather than open.</summary>
    public bool SignInAvailable { get; }
}
