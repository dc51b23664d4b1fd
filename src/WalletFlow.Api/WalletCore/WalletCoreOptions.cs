using WalletFlow.Grains.Controls;

namespace WalletFlow.Api.WalletCore;

/// <summary>The wallet core's settings, from the environment (README's table).</summary>
public sealed record WalletCoreOptions(string LedgerName, FeatureFlagOptions Flags)
{
    public const string LedgerVariable = "WALLETFLOW_LEDGER";
    public const string FlagModeVariable = "CORE_WALLET_FLAG_MODE";
    public const string CompletionGatingVariable = "CORE_WALLET_COMPLETION_GATING";
    public const string DefaultLedger = "main";

    public static WalletCoreOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var mode = configuration[FlagModeVariable] switch
        {
            null or "" or "fail_open" => FlagMode.FailOpen,
            "fail_closed" => FlagMode.FailClosed,
            var other => throw new InvalidOperationException($"{FlagModeVariable} is '{other}': it must be fail_open (the default) or fail_closed."),
        };
        var gate = configuration[CompletionGatingVariable] switch
        {
            null or "" or "record" => false,
            "gate" => true,
            var other => throw new InvalidOperationException($"{CompletionGatingVariable} is '{other}': it must be record (the default) or gate."),
        };
        return new WalletCoreOptions(configuration[LedgerVariable] is { Length: > 0 } ledger ? ledger : DefaultLedger, new FeatureFlagOptions(mode, gate));
    }
}
