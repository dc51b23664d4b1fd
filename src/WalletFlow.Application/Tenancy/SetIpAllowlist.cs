using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Application.Tenancy;

/// <summary><see cref="IpAllowlist"/> is comma-separated CIDR blocks or addresses (<c>203.0.113.0/24,2001:db8::/48</c>); empty text clears it.</summary>
public sealed record SetIpAllowlistRequest(string? MerchantId, string? IpAllowlist);

/// <summary>
/// Replaces a merchant's IP allowlist (admins only). Every partner call is checked against it, so the next call of
/// any of the merchant's keys, in any process, meets the new list. An empty list admits no partner call.
/// </summary>
public sealed class SetIpAllowlist(ITenancyStore store)
{
    public async Task<Result<MerchantData>> HandleAsync(SetIpAllowlistRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (RequestText.Check(request, typeof(SetIpAllowlistRequest)) is { } badText)
        {
            return badText;
        }

        var fields = new RequestValidator();
        var merchantId = fields.Read(MerchantId.Parse(request.MerchantId), "merchantId");
        fields.Check(request.IpAllowlist is not null, "ipAllowlist", "The ipAllowlist is required: comma-separated CIDR blocks, or empty text to admit no partner call.");
        IReadOnlyList<IpRange> ranges = request.IpAllowlist is null ? [] : fields.Read(IpRange.ParseList(request.IpAllowlist, "ipAllowlist"), "ipAllowlist");
        if (fields.Failed(out var error))
        {
            return error;
        }

        return await store.SetAllowlistAsync(merchantId, ranges, cancellationToken) is { } merchant
            ? MerchantData.From(merchant)
            : new Error(ErrorCodes.NotFound, $"Merchant {merchantId} is not registered.", "merchantId");
    }
}
