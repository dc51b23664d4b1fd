using WalletFlow.Application.Commands;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Application.Tenancy;

/// <summary>What an authenticated partner API key may do: act for one merchant, and call only the operations it names.</summary>
public sealed record PartnerGrant(ApiKeyId Key, MerchantId Merchant, TenantId Tenant, IReadOnlySet<string> Scopes)
{
    /// <summary>The idempotency scope of every key of the merchant: a key rotated mid-retry still finds the first submission.</summary>
    public string IdempotencyScope => $"merchant:{Merchant.Value}";
}

/// <summary>The operations a key's scopes may name: the registry commands that admit partners, and the partner reads.</summary>
public static class PartnerScopes
{
    public const string GetWallet = "getWallet";
    public const string GetBalances = "getBalances";
    public const string GetStatement = "getStatement";
    public const string GetCommand = "getCommand";

    /// <summary>The reads a partner may be given, each answering only its merchant's wallets (or its own commands).</summary>
    public static IReadOnlyList<string> Reads { get; } = [GetWallet, GetBalances, GetStatement, GetCommand];

    public static IReadOnlyList<string> All { get; } =
    [
        .. CommandRegistry.All.Where(command => command.AllowedRoles.HasFlag(CallerRoles.Partner)).Select(command => command.Name),
        .. Reads,
    ];
}
