using System.Security.Cryptography;
using System.Text;

namespace WalletFlow.Access.Credentials;

/// <summary>
/// A shared secret from configuration, kept only as its SHA-256. Comparing hashes in constant time gives both sides one
/// length, so neither the content nor the length of the real secret leaks through timing.
/// </summary>
public sealed class SecretToken
{
    private readonly byte[]? _expectedHash;

    private SecretToken(string? secret) => _expectedHash = secret is { Length: > 0 } ? Hash(secret) : null;

    public bool IsConfigured => _expectedHash is not null;

    public static SecretToken From(string? secret) => new(secret);

    public bool Matches(string? candidate) =>
        _expectedHash is not null && candidate is not null && CryptographicOperations.FixedTimeEquals(_expectedHash, Hash(candidate));

    private static byte[] Hash(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));
}
