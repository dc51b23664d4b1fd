namespace WalletFlow.Api.Payouts.Providers;

/// <summary>
/// One payout provider from configuration (<c>PayoutProviders__{name}__BaseAddress</c>, …): where it answers, whether it
/// dedupes submits by our reference, and how long one call may take before its answer counts as ambiguous.
/// </summary>
public sealed class PayoutProviderOptions
{
    public const string Section = "PayoutProviders";

    public Uri? BaseAddress { get; set; }

    public bool DedupesByReference { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
