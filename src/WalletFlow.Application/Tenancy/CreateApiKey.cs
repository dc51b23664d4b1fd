using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Application.Tenancy;

/// <summary>
/// <see cref="Scopes"/> is comma-separated operation names (<c>transfer,getBalances</c>, from <see cref="PartnerScopes.All"/>);
/// <see cref="ValidUntil"/> an ISO 8601 time after which the key stops working, left out for a key that does not expire.
/// </summary>
public sealed record CreateApiKeyRequest(string? MerchantId, string? Name, string? Scopes, [property: OptionalField] string? ValidUntil);

/// <summary>A new key and, in <see cref="Token"/>, its whole secret: this answer is the only place it is ever shown.</summary>
public sealed record ApiKeyCreatedData(
    string KeyId, string MerchantId, string Prefix, string Name, IReadOnlyList<string> Scopes, DateTimeOffset? ValidUntil, DateTimeOffset CreatedAt, string Token);

/// <summary>
/// Creates a partner API key for a registered merchant (admins only). Only the secret's hash is stored, so a lost
/// answer cannot be read again: the key is revoked and another created. Not an idempotent command for that reason: a
/// replay that answered the first key's secret would be a second showing of it.
/// </summary>
public sealed class CreateApiKey(ITenancyStore store, TimeProvider time)
{
    public async Task<Result<ApiKeyCreatedData>> HandleAsync(CreateApiKeyRequest request, Caller admin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(admin);
        if (RequestText.Check(request, typeof(CreateApiKeyRequest)) is { } badText)
        {
            return badText;
        }

        var now = time.GetUtcNow();
        var fields = new RequestValidator();
        var merchantId = fields.Read(MerchantId.Parse(request.MerchantId), "merchantId");
        var name = CreateTenant.Name(fields, request.Name);
        var scopes = (request.Scopes ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        fields.Check(scopes.Count > 0, "scopes", $"A key needs at least one scope, from: {string.Join(", ", PartnerScopes.All)}.");
        foreach (var unknown in scopes.Where(scope => !PartnerScopes.All.Contains(scope, StringComparer.Ordinal)))
        {
            fields.Check(false, "scopes", $"'{unknown}' is not an operation a partner may be given; the scopes are: {string.Join(", ", PartnerScopes.All)}.");
        }

        DateTimeOffset? validUntil = null;
        if (RequestValidator.Optional(request.ValidUntil) is { } text)
        {
            validUntil = StoredTime.Of(fields.Timestamp(text, "validUntil"));
            fields.Check(validUntil > now, "validUntil", "validUntil must be in the future.");
        }

        if (fields.Failed(out var error))
        {
            return error;
        }

        if (await store.FindMerchantAsync(merchantId, cancellationToken) is null)
        {
            return new Error(ErrorCodes.NotFound, $"Merchant {merchantId} is not registered: an admin registers it in a tenant first.", "merchantId");
        }

        var token = ApiKeyToken.New();
        var createdAt = StoredTime.Of(now);
        var key = new ApiKey(ApiKeyId.New(time), merchantId, token.Prefix, token.SecretHash(), name, scopes, validUntil, admin.Name, createdAt, null, null, null);
        return (await store.InsertKeyAsync(key, cancellationToken)).Map(stored =>
            new ApiKeyCreatedData(stored.Id.ToString(), stored.Merchant.Value, stored.Prefix, stored.Name, stored.Scopes, stored.ExpiresAt, stored.CreatedAt, token.Text));
    }
}
