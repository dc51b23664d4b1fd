using Orleans;
using WalletFlow.Application.Commands;

namespace WalletFlow.Application.Controls;

/// <summary>The flags the wallet core knows, and how they are evaluated.</summary>
public static class FeatureFlags
{
    /// <summary>Whether a scope may move money through the wallet core at all: the kill switch of a merchant, a currency, a provider, or everything.</summary>
    public const string CoreWalletEnabled = "core_wallet_enabled";

    /// <summary>The value a global scope is stored under.</summary>
    public const string GlobalScopeValue = "*";
}

/// <summary>
/// How a scope with no flag row is treated: <see cref="FailOpen"/> (it may transact unless disabled) or
/// <see cref="FailClosed"/> (only scopes explicitly enabled transact).
/// </summary>
public enum FlagMode
{
    FailOpen,
    FailClosed,
}

/// <summary>The flag configuration (<c>CORE_WALLET_FLAG_MODE</c>, <c>CORE_WALLET_COMPLETION_GATING</c>).</summary>
public sealed record FeatureFlagOptions(FlagMode Mode = FlagMode.FailOpen, bool GateCompletions = false);

/// <summary>A stored flag value for one scope.</summary>
[GenerateSerializer, Alias("walletflow.data.feature_flag"), Immutable]
public sealed record FeatureFlagValue([property: Choice(FeatureFlags.CoreWalletEnabled)] string Flag, FlagScopeType ScopeType, string ScopeValue, bool Enabled, string? Reason, DateTimeOffset UpdatedAt);

/// <summary>The port that reads flags; the API implements it over Postgres.</summary>
public interface IFeatureFlagStore
{
    Task<IReadOnlyList<FeatureFlagValue>> ReadAsync(string flag, IReadOnlyList<(FlagScopeType Type, string Value)> scopes, CancellationToken cancellationToken);

    Task<IReadOnlyList<FeatureFlagValue>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Forgets whatever this process keeps of the flags: it just committed a change to them.</summary>
    void Invalidate();
}
