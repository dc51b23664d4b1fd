using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace WalletFlow.Api.Payouts.Providers;

/// <summary>
/// How a provider signs its callbacks: <c>Provider-Signature: t={unix seconds},v1={hex HMAC-SHA256 of "{t}.{body}"}</c>
/// with the provider's secret. The timestamp is signed too, and only a recent one is accepted, so a captured callback
/// cannot be replayed later.
/// </summary>
public static class ProviderCallbackSignature
{
    public const string Header = "Provider-Signature";

    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, DateTimeOffset at, ReadOnlySpan<byte> body)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={timestamp},v1={Convert.ToHexStringLower(Mac(secret, timestamp, body))}";
    }

    /// <summary>Null when the header is a valid signature of the body made within the tolerance of <paramref name="now"/>; otherwise why not.</summary>
    public static string? Check(string secret, string? header, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(header))
        {
            return $"The {Header} header is missing.";
        }

        string? timestamp = null;
        string? signature = null;
        foreach (var part in header.Split(','))
        {
            var pair = part.Trim().Split('=', 2);
            if (pair.Length == 2 && pair[0] == "t")
            {
                timestamp = pair[1];
            }
            else if (pair.Length == 2 && pair[0] == "v1")
            {
                signature = pair[1];
            }
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || signature is null)
        {
            return $"The {Header} header must be t={{unix seconds}},v1={{hex HMAC-SHA256}}.";
        }

        if (seconds < now.AddSeconds(-Tolerance.TotalSeconds).ToUnixTimeSeconds() || seconds > now.Add(Tolerance).ToUnixTimeSeconds())
        {
            return $"The signature's timestamp is more than {Tolerance.TotalMinutes:0} minutes from now.";
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(signature);
        }
        catch (FormatException)
        {
            return "The signature is not hexadecimal.";
        }

        return CryptographicOperations.FixedTimeEquals(given, Mac(secret, timestamp!, body)) ? null : "The signature does not match the body.";
    }

    private static byte[] Mac(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var signed = new byte[Encoding.ASCII.GetByteCount(timestamp) + 1 + body.Length];
        var written = Encoding.ASCII.GetBytes(timestamp, signed);
        signed[written] = (byte)'.';
        body.CopyTo(signed.AsSpan(written + 1));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
    }
}
