using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Application.Tenancy;

/// <summary><see cref="MerchantId"/> is the merchant id its wallets carry (or will).</summary>
public sealed record CreateMerchantRequest(string? TenantId, string? MerchantId, string? Name);

/// <summary>
/// Registers a merchant in a tenant (admins only), with an empty IP allowlist: its keys work from nowhere until an
/// admin sets one. Wallets that already name the merchant id become its. A merchant id is registered once, in one tenant.
/// </summary>
public sealed class CreateMerchant(ITenancyStore store, TimeProvider time)
{
    public async Task<Result<MerchantData>> HandleAsync(CreateMerchantRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (RequestText.Check(request, typeof(CreateMerchantRequest)) is { } badText)
        {
            return badText;
        }

        var fields = new RequestValidator();
        var tenantId = fields.Read(TenantId.Parse(request.TenantId), "tenantId");
        var merchantId = fields.Read(MerchantId.Parse(request.MerchantId), "merchantId");
        var name = CreateTenant.Name(fields, request.Name);
        if (fields.Failed(out var error))
        {
            return error;
        }

        if (await store.FindTenantAsync(tenantId, cancellationToken) is null)
        {
            return new Error(ErrorCodes.NotFound, $"Tenant {tenantId} does not exist.", "tenantId");
        }

        var merchant = new Merchant(merchantId, tenantId, name, TenancyStatus.Active, [], StoredTime.Of(time.GetUtcNow()));
        return (await store.InsertMerchantAsync(merchant, cancellationToken)).Map(MerchantData.From);
    }
}
