using System.Security.Cryptography;

namespace WalletFlow.Application.Webhooks;

/// <summary>An endpoint's signing secret as Standard Webhooks writes it: <c>whsec_</c> and 32 random bytes in base64.</summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
