using WalletFlow.Application.Controls;

namespace WalletFlow.Api.WalletCore;

/// <summary>The wallet core's settings, from the environment (README's table).</summary>
public sealed record WalletCoreOptions(string LedgerName, FeatureFlagOptions Flags, Uri? ExternalLedgerUrl = null, string? ExternalLedgerToken = null)
{
    public const string LedgerVariable = "WALLETFLOW_LEDGER";

    /// <summary>A Formance ledger v2 (everything in front of <c>/v2</c>); unset, the embedded ledger is used.</summary>
    public const string LedgerUrlVariable = "WALLETFLOW_LEDGER_URL";

    /// <summary>The bearer token the Formance adapter sends, for a ledger behind an authenticating gateway (WalletFlow's own surface included).</summary>
    public const string LedgerTokenVariable = "WALLETFLOW_LEDGER_TOKEN";
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
        Uri? ledgerUrl = null;
        if (configuration[LedgerUrlVariable] is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out ledgerUrl))
        {
            throw new InvalidOperationException($"{LedgerUrlVariable} is '{url}': it must be an absolute URL (a Formance ledger, e.g. http://localhost:3068).");
        }

        return new WalletCoreOptions(configuration[LedgerVariable] is { Length: > 0 } ledger ? ledger : DefaultLedger, new FeatureFlagOptions(mode, gate), ledgerUrl,
            configuration[LedgerTokenVariable] is { Length: > 0 } token ? token : null);
    }
}
