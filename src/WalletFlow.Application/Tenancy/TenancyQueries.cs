using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Application.Tenancy;

/// <summary>The admins' reads of tenancy: tenants, a tenant's merchants, a merchant, a merchant's keys (never a secret).</summary>
public sealed class TenancyQueries(ITenancyStore store, TimeProvider time)
{
    public async Task<TenantListData> ListTenantsAsync(CancellationToken cancellationToken) =>
        new([.. (await store.ListTenantsAsync(cancellationToken)).Select(TenantData.From)]);

    public async Task<Result<MerchantListData>> ListMerchantsAsync(string? tenantId, CancellationToken cancellationToken)
    {
        if (!TenantId.Parse(tenantId).TryGetValue(out var id, out var error))
        {
            return error;
        }

        return await store.FindTenantAsync(id, cancellationToken) is null
            ? new Error(ErrorCodes.NotFound, $"Tenant {id} does not exist.", "tenantId")
            : new MerchantListData([.. (await store.ListMerchantsAsync(id, cancellationToken)).Select(MerchantData.From)]);
    }

    public async Task<Result<MerchantData>> GetMerchantAsync(string? merchantId, CancellationToken cancellationToken)
    {
        if (!MerchantId.Parse(merchantId).TryGetValue(out var id, out var error))
        {
            return error;
        }

        return await store.FindMerchantAsync(id, cancellationToken) is { } merchant
            ? MerchantData.From(merchant)
            : new Error(ErrorCodes.NotFound, $"Merchant {id} is not registered.", "merchantId");
    }

    public async Task<Result<ApiKeyListData>> ListKeysAsync(string? merchantId, CancellationToken cancellationToken)
    {
        if (!MerchantId.Parse(merchantId).TryGetValue(out var id, out var error))
        {
            return error;
        }

        if (await store.FindMerchantAsync(id, cancellationToken) is null)
        {
            return new Error(ErrorCodes.NotFound, $"Merchant {id} is not registered.", "merchantId");
        }

        var now = time.GetUtcNow();
        return new ApiKeyListData([.. (await store.ListKeysAsync(id, cancellationToken)).Select(key => ApiKeyData.From(key, now))]);
    }
}
