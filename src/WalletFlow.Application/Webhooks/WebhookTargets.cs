using System.Net;
using System.Net.Sockets;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.Webhooks;

/// <summary>
/// Where WalletFlow may send a partner's webhooks: an absolute https URL whose host resolves only to public addresses,
/// unless <see cref="WebhookOptions.AllowPrivateTargets"/> is on. Checked when an endpoint is saved (a clear refusal)
/// and again on every connection (<see cref="Admits"/>), because a name that resolved to a public address yesterday can
/// resolve to an internal one today. With private targets allowed any address is admissible, so nothing is resolved
/// when an endpoint is saved: a name that does not resolve fails its attempts, with the error kept.
/// </summary>
public sealed class WebhookTargets(WebhookOptions options)
{
    public const int MaxUrlLength = 2000;

    private const string Field = "url";

    /// <summary>The URL as it will be called, or why it may not be.</summary>
    public async Task<Result<Uri>> CheckAsync(string? url, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return Error.Validation("The url is required.", Field);
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.Host.Length == 0)
        {
            return Error.Validation($"'{url}' is not an absolute http(s) URL such as https://example.com/webhooks.", Field);
        }

        if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            return Error.Validation("The url may not carry a user name, password or #fragment: authenticate deliveries by their signature.", Field);
        }

        if (options.AllowPrivateTargets)
        {
            return uri;
        }

        if (uri.Scheme != "https")
        {
            return Refused($"Webhooks are only sent over https; {uri.Scheme}:// would carry payment events in clear text.");
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.IdnHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            return Refused($"The host {uri.Host} does not resolve to any address.");
        }

        if (addresses.Length == 0)
        {
            return Refused($"The host {uri.Host} does not resolve to any address.");
        }

        return addresses.FirstOrDefault(address => !Admits(address)) is { } inside
            ? Refused($"The host {uri.Host} resolves to {inside}, a loopback, private or link-local address: WalletFlow only calls public addresses.")
            : uri;
    }

    /// <summary>Whether a connection to <paramref name="address"/> may be opened.</summary>
    public bool Admits(IPAddress address) => options.AllowPrivateTargets || IsPublic(address);

    /// <summary>Not loopback, private, link-local, carrier-grade NAT, unspecified, multicast or reserved.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6None))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var bytes = address.GetAddressBytes();
            return bytes switch
            {
                [0, ..] or [10, ..] or [127, ..] => false,
                [100, >= 64 and < 128, ..] => false,
                [169, 254, ..] => false,
                [172, >= 16 and < 32, ..] => false,
                [192, 168, ..] or [192, 0, 0, _] or [192, 0, 2, _] => false,
                [198, 18 or 19, ..] or [198, 51, 100, _] or [203, 0, 113, _] => false,
                [>= 224, ..] => false,
                _ => true,
            };
        }

        var first = address.GetAddressBytes();
        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal
            || (first[0] == 0x20 && first[1] == 0x01 && first[2] == 0x0d && first[3] == 0xb8));
    }

    private static Error Refused(string message) => new(ErrorCodes.WebhookTargetRefused, message, Field);
}
