using Microsoft.AspNetCore.Http;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Access;

/// <summary>
/// Why a partner key was refused during authentication, kept on the request so that the refusal (REST's problem, gRPC's
/// status) says it exactly: revoked, expired, outside the allowlist. Authentication only says "failed".
/// </summary>
public static class CredentialRefusal
{
    private static readonly object Key = new();

    public static void Set(HttpContext context, Error error)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[Key] = error;
    }

    public static Error? Get(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(Key, out var error) ? error as Error : null;
    }

    /// <summary>A refusal of where or for whom the key acts (403) rather than of the key itself (401).</summary>
    public static bool IsForbidden(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Code is ErrorCodes.IpNotAllowed or ErrorCodes.MerchantSuspended;
    }
}
