namespace WalletFlow.Api.Payouts.Providers;

/// <summary>
/// One payout provider from configuration (<c>PayoutProviders__{name}__BaseAddress</c>, …): where it answers, whether it
/// dedupes submits by our reference, how long one call may take before its answer counts as ambiguous, and how long
/// to wait before a retry, and the secret its callbacks are signed with.
/// </summary>
public sealed class PayoutProviderOptions
{
    public const string Section = "PayoutProviders";

    public Uri? BaseAddress { get; set; }

    public bool DedupesByReference { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The first retry's delay (the standard handler's 2 s); later ones grow exponentially, up to eight times it.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The secret the provider signs its callbacks with; without one, its callbacks are refused.</summary>
    public string? WebhookSecret { get; set; }
}
