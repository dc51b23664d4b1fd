using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Application.Tenancy;

/// <summary>
/// Revokes a partner API key (admins only). Final: the key row records who and when, and every process refuses the key
/// from its next call, because each call reads the row. Revoking a revoked key answers it as it stands.
/// </summary>
public sealed class RevokeApiKey(ITenancyStore store, TimeProvider time)
{
    public async Task<Result<ApiKeyData>> HandleAsync(string? keyId, Commands.Caller admin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(admin);
        if (!ApiKeyId.Parse(keyId).TryGetValue(out var id, out var error))
        {
            return error;
        }

        var now = time.GetUtcNow();
        return await store.RevokeKeyAsync(id, admin.Name, now, cancellationToken) is { } key
            ? ApiKeyData.From(key, now)
            : new Error(ErrorCodes.NotFound, $"API key {id} does not exist.", "keyId");
    }
}
