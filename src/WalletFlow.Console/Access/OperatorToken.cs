using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace WalletFlow.Console.Access;

/// <summary>The operator token from <c>AUTH_TOKEN</c>, if one is configured.</summary>
public sealed class OperatorToken(IConfiguration configuration)
{
    public const string SettingName = "AUTH_TOKEN";

    private readonly byte[]? _expectedHash = configuration[SettingName] is { Length: > 0 } token ? Hash(token) : null;

    public bool IsConfigured => _expectedHash is not null;

    /// <summary>
    /// Compares hashes in constant time: hashing first gives both sides one length, so neither the content nor the
    /// length of the real token leaks through timing.
    /// </summary>
    public bool Matches(string? candidate) =>
        _expectedHash is not null && candidate is not null && CryptographicOperations.FixedTimeEquals(_expectedHash, Hash(candidate));

    private static byte[] Hash(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));
}
