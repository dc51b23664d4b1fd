using WalletFlow.Application.Commands;
using WalletFlow.Application.Controls;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Tests.Grains.Controls;

/// <summary>
/// The policy on its own, for what no command on this branch can show through REST yet: saga completions (settle,
/// release) are recorded through a freeze unless completion gating is on.
/// </summary>
public sealed class FeatureFlagPolicyTests
{
    private static readonly FlagScope Acme = FlagScope.Of("acme", "USD", "flutterwave");

    [Fact]
    public async Task A_completion_is_recorded_through_a_disabled_scope_when_completion_gating_is_off()
    {
        var policy = Policy(new FeatureFlagOptions(FlagMode.FailOpen, GateCompletions: false), Flag(FlagScopeType.Merchant, "acme", enabled: false));

        var completion = await policy.CheckAsync(Acme, isCompletion: true, TestContext.Current.CancellationToken);
        var command = await policy.CheckAsync(Acme, isCompletion: false, TestContext.Current.CancellationToken);

        Assert.Null(completion);
        AssertDenied(command, "merchant:acme");
    }

    [Fact]
    public async Task A_completion_is_denied_by_a_disabled_scope_when_completion_gating_is_on()
    {
        var policy = Policy(new FeatureFlagOptions(FlagMode.FailOpen, GateCompletions: true), Flag(FlagScopeType.Provider, "flutterwave", enabled: false));

        var completion = await policy.CheckAsync(Acme, isCompletion: true, TestContext.Current.CancellationToken);

        AssertDenied(completion, "provider:flutterwave");
    }

    [Fact]
    public async Task Under_fail_closed_a_completion_with_no_enabled_scope_is_recorded_unless_completion_gating_is_on()
    {
        var recording = Policy(new FeatureFlagOptions(FlagMode.FailClosed, GateCompletions: false));
        var gating = Policy(new FeatureFlagOptions(FlagMode.FailClosed, GateCompletions: true));

        Assert.Null(await recording.CheckAsync(Acme, isCompletion: true, TestContext.Current.CancellationToken));
        AssertDenied(await recording.CheckAsync(Acme, isCompletion: false, TestContext.Current.CancellationToken), "provider:flutterwave");
        AssertDenied(await gating.CheckAsync(Acme, isCompletion: true, TestContext.Current.CancellationToken), "provider:flutterwave");
    }

    [Fact]
    public async Task A_gated_completion_passes_once_one_of_its_scopes_is_enabled_and_none_disabled()
    {
        var policy = Policy(new FeatureFlagOptions(FlagMode.FailClosed, GateCompletions: true), Flag(FlagScopeType.Currency, "USD", enabled: true));

        Assert.Null(await policy.CheckAsync(Acme, isCompletion: true, TestContext.Current.CancellationToken));
    }

    private static FeatureFlagPolicy Policy(FeatureFlagOptions options, params FeatureFlagValue[] flags) => new(new InMemoryFlags(flags), options);

    private static FeatureFlagValue Flag(FlagScopeType type, string value, bool enabled) =>
        new(FeatureFlags.CoreWalletEnabled, type, value, enabled, Reason: null, DateTimeOffset.UnixEpoch);

    private static void AssertDenied(Error? error, string scope)
    {
        Assert.NotNull(error);
        Assert.Equal(ErrorCodes.FlagDenied, error.Code);
        Assert.Equal(scope, error.Scope);
    }

    private sealed class InMemoryFlags(IReadOnlyList<FeatureFlagValue> flags) : IFeatureFlagStore
    {
        public Task<IReadOnlyList<FeatureFlagValue>> ReadAsync(string flag, IReadOnlyList<(FlagScopeType Type, string Value)> scopes, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<FeatureFlagValue>>([.. flags.Where(value => value.Flag == flag && scopes.Contains((value.ScopeType, value.ScopeValue)))]);

        public Task<IReadOnlyList<FeatureFlagValue>> ListAsync(CancellationToken cancellationToken) => Task.FromResult(flags);

        public void Invalidate()
        {
        }
    }
}
