using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Application.Tenancy;

public sealed record SetTenantStatusRequest(string? TenantId, [property: Choice(typeof(TenancyStatus))] string? Status);

public sealed record SetMerchantStatusRequest(string? MerchantId, [property: Choice(typeof(TenancyStatus))] string? Status);

/// <summary>
/// Suspends or reactivates a tenant or a merchant (admins only). A suspended merchant's keys, and every key of a
/// suspended tenant's merchants, are refused (<c>MERCHANT_SUSPENDED</c>) from their next call in every process; the
/// keys themselves are untouched, so reactivating brings them back. Operators' access to the wallets is unchanged.
/// </summary>
public sealed class SetTenancyStatus(ITenancyStore store)
{
    public async Task<Result<TenantData>> TenantAsync(SetTenantStatusRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = new RequestValidator();
        var id = fields.Read(TenantId.Parse(request.TenantId), "tenantId");
        var status = fields.Choice<TenancyStatus>(request.Status, "status");
        if (fields.Failed(out var error))
        {
            return error;
        }

        return await store.SetTenantStatusAsync(id, status, cancellationToken) is { } tenant
            ? TenantData.From(tenant)
            : new Error(ErrorCodes.NotFound, $"Tenant {id} does not exist.", "tenantId");
    }

    public async Task<Result<MerchantData>> MerchantAsync(SetMerchantStatusRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = new RequestValidator();
        var id = fields.Read(MerchantId.Parse(request.MerchantId), "merchantId");
        var status = fields.Choice<TenancyStatus>(request.Status, "status");
        if (fields.Failed(out var error))
        {
            return error;
        }

        return await store.SetMerchantStatusAsync(id, status, cancellationToken) is { } merchant
            ? MerchantData.From(merchant)
            : new Error(ErrorCodes.NotFound, $"Merchant {id} is not registered.", "merchantId");
    }
}
