using System.Security.Cryptography;
using System.Text;

namespace WalletFlow.Application.Tenancy;

/// <summary>
/// The text a partner sends: <c>wf_live_&lt;prefix&gt;_&lt;secret&gt;</c>. The prefix (12 characters) is public and finds
/// the key's row; the secret (43 characters, about 222 bits) is shown once and kept only as its SHA-256, compared in
/// constant time. Both are lowercase letters and digits, so the whole token survives any header or shell unquoted.
/// </summary>
public sealed class ApiKeyToken
{
    private ApiKeyToken(string prefix, string secret)
    {
        Prefix = prefix;
        Secret = secret;
    }

    public const string Lead = "wf_live_";
    public const int PrefixLength = 12;
    public const int SecretLength = 43;

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public string Prefix { get; }

    /// <summary>Never logged or stored: a class, not a record, so no generated ToString prints it.</summary>
    public string Secret { get; }

    public static ApiKeyToken New() =>
        new(RandomNumberGenerator.GetString(Alphabet, PrefixLength), RandomNumberGenerator.GetString(Alphabet, SecretLength));

    /// <summary>Whether a bearer looks like a partner key at all (and so is looked up, rather than compared with the operator tokens).</summary>
    public static bool LooksLikeKey(string bearer) => bearer.StartsWith(Lead, StringComparison.Ordinal);

    /// <summary>The token's parts, or null when it does not have the shape of one.</summary>
    public static ApiKeyToken? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length != Lead.Length + PrefixLength + 1 + SecretLength || !LooksLikeKey(text) || text[Lead.Length + PrefixLength] != '_')
        {
            return null;
        }

        var prefix = text.Substring(Lead.Length, PrefixLength);
        var secret = text[(Lead.Length + PrefixLength + 1)..];
        return prefix.All(Alphabet.Contains) && secret.All(Alphabet.Contains) ? new ApiKeyToken(prefix, secret) : null;
    }

    public byte[] SecretHash() => SHA256.HashData(Encoding.ASCII.GetBytes(Secret));

    public bool Matches(byte[] storedHash) => CryptographicOperations.FixedTimeEquals(SecretHash(), storedHash);

    /// <summary>The whole token: shown once, in the answer that created the key.</summary>
    public string Text => $"{Lead}{Prefix}_{Secret}";
}
