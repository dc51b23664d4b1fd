using System.Globalization;
using System.Net;
using System.Net.Sockets;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.Tenancy;

/// <summary>
/// One entry of a merchant's IP allowlist: an IPv4 or IPv6 CIDR block (<c>203.0.113.0/24</c>, <c>2001:db8::/32</c>); a
/// bare address is a block of one. A block with bits set right of its mask is refused rather than truncated, because
/// <c>10.1.2.3/8</c> more likely means a typo than all of 10/8.
/// </summary>
public sealed record IpRange
{
    private IpRange(IPAddress network, int prefixLength)
    {
        Network = network;
        PrefixLength = prefixLength;
    }

    public IPAddress Network { get; }

    public int PrefixLength { get; }

    public static Result<IpRange> Parse(string? text, string field)
    {
        var entry = text?.Trim() ?? string.Empty;
        var slash = entry.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? entry : entry[..slash];
        // A zone (fe80::1%eth0) names an interface of this host, not a network a partner calls from.
        if (addressText.Contains('%', StringComparison.Ordinal) || !IPAddress.TryParse(addressText, out var address)
            || address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            return Invalid(entry, field, "it is not an IPv4 or IPv6 address, with an optional /prefix");
        }

        // IPAddress also reads "10" and "0x0a.1" as IPv4: only the dotted quad is an address a person means.
        if (address.AddressFamily == AddressFamily.InterNetwork && address.ToString() != addressText)
        {
            return Invalid(entry, field, "write an IPv4 address as four decimal numbers (203.0.113.7)");
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return Invalid(entry, field, "write an IPv4-mapped address as plain IPv4");
        }

        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = bits;
        if (slash >= 0 && !(int.TryParse(entry.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) && prefix <= bits))
        {
            return Invalid(entry, field, $"its prefix must be a whole number from 0 to {bits}");
        }

        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < bits; bit++)
        {
            if ((bytes[bit / 8] & (0x80 >> (bit % 8))) != 0)
            {
                return Invalid(entry, field, $"it has bits set right of its /{prefix} mask; write the network's first address");
            }
        }

        return new IpRange(address, prefix);
    }

    /// <summary>Whether <paramref name="address"/> lies in the block; an IPv4 address arriving as IPv4-mapped IPv6 is compared as IPv4.</summary>
    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var candidate = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (candidate.AddressFamily != Network.AddressFamily)
        {
            return false;
        }

        var have = candidate.GetAddressBytes();
        var want = Network.GetAddressBytes();
        for (var bit = 0; bit < PrefixLength; bit++)
        {
            var mask = 0x80 >> (bit % 8);
            if ((have[bit / 8] & mask) != (want[bit / 8] & mask))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A comma-separated list as a request sends it; every bad entry is named.</summary>
    public static Result<IReadOnlyList<IpRange>> ParseList(string? text, string field)
    {
        var entries = (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var ranges = new List<IpRange>();
        var errors = new List<Error>();
        foreach (var entry in entries)
        {
            if (Parse(entry, field).TryGetValue(out var range, out var error))
            {
                ranges.Add(range);
            }
            else
            {
                errors.Add(error);
            }
        }

        if (errors.Count > 0)
        {
            return errors[0] with { Details = errors };
        }

        return ranges.Count > MaxEntries
            ? new Error(ErrorCodes.InvalidCidr, $"An allowlist holds at most {MaxEntries} entries; this one has {ranges.Count}.", field)
            : ranges.Distinct().ToList();
    }

    public const int MaxEntries = 100;

    public override string ToString() => $"{Network}/{PrefixLength.ToString(CultureInfo.InvariantCulture)}";

    public bool Equals(IpRange? other) => other is not null && PrefixLength == other.PrefixLength && Network.Equals(other.Network);

    public override int GetHashCode() => HashCode.Combine(Network, PrefixLength);

    private static Error Invalid(string entry, string field, string why) =>
        new(ErrorCodes.InvalidCidr, $"'{entry}' is not an allowlist entry: {why}.", field);
}
