using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.Controls;

/// <summary>
/// Evaluates <c>core_wallet_enabled</c> for a command's scopes, on every command. A scope explicitly disabled denies,
/// whatever the mode; otherwise fail_open lets the command through and fail_closed requires one of its scopes (global
/// included) to be explicitly enabled. Saga completions (settle, release, manual review) are gated only when
/// completion gating is on: by default a freeze stops new money, not the recording of what a provider already did.
/// </summary>
public sealed class FeatureFlagPolicy(IFeatureFlagStore store, FeatureFlagOptions options)
{
    public FeatureFlagOptions Options => options;

    /// <summary>After a command that set a flag commits: the next check, here, sees the new value.</summary>
    public void Changed(CommandPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Changes.Any(change => change is SetFlag))
        {
            store.Invalidate();
        }
    }

    public async Task<Error?> CheckAsync(FlagScope scope, bool isCompletion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (isCompletion && !options.GateCompletions)
        {
            return null;
        }

        var scopes = ScopesOf(scope);
        var values = await store.ReadAsync(FeatureFlags.CoreWalletEnabled, scopes, cancellationToken);
        foreach (var (type, value) in scopes)
        {
            if (values.FirstOrDefault(flag => flag.ScopeType == type && flag.ScopeValue == value) is { Enabled: false } disabled)
            {
                return Denied(type, value, $"{FeatureFlags.CoreWalletEnabled} is disabled for {Describe(type, value)}{(disabled.Reason is null ? string.Empty : $" ({disabled.Reason})")}.");
            }
        }

        if (options.Mode == FlagMode.FailClosed && !values.Any(flag => flag.Enabled))
        {
            var (type, value) = scopes[^1];
            return Denied(type, value, $"{FeatureFlags.CoreWalletEnabled} runs fail_closed and none of this command's scopes ({string.Join(", ", scopes.Select(s => Describe(s.Type, s.Value)))}) is enabled.");
        }

        return null;
    }

    private static List<(FlagScopeType Type, string Value)> ScopesOf(FlagScope scope)
    {
        var scopes = new List<(FlagScopeType, string)> { (FlagScopeType.Global, FeatureFlags.GlobalScopeValue) };
        scopes.AddRange(scope.Merchants.Distinct(StringComparer.Ordinal).Select(merchant => (FlagScopeType.Merchant, merchant)));
        scopes.AddRange(scope.Currencies.Distinct(StringComparer.Ordinal).Select(currency => (FlagScopeType.Currency, currency)));
        if (scope.Provider is { } provider)
        {
            scopes.Add((FlagScopeType.Provider, provider));
        }

        return scopes;
    }

    private static Error Denied(FlagScopeType type, string value, string message) =>
        new(ErrorCodes.FlagDenied, message) { Scope = $"{RequestValidator.ToSnakeCase(type.ToString())}:{value}" };

    private static string Describe(FlagScopeType type, string value) =>
        type == FlagScopeType.Global ? "every scope (global)" : $"{RequestValidator.ToSnakeCase(type.ToString())} {value}";
}
