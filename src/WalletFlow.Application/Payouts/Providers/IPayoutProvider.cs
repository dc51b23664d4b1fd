namespace WalletFlow.Application.Payouts.Providers;

/// <summary>A payout as a provider is asked to pay it. The reference is ours, and the provider's idempotency key.</summary>
public sealed record PayoutSubmission(string Reference, long AmountMinor, string Currency, string? Beneficiary);

/// <summary>What a provider's answer lets us conclude about a payout.</summary>
public enum ProviderAnswerKind
{
    /// <summary>The provider says it paid: the hold may be settled.</summary>
    Paid,

    /// <summary>The provider says it did not and will not pay (with its reason): the hold may be released.</summary>
    Failed,

    /// <summary>The provider has it and has not finished: ask again later.</summary>
    Pending,

    /// <summary>The provider has no payout under this reference (a requery's answer): the submit never reached it.</summary>
    NotFound,

    /// <summary>
    /// Nobody knows: a timeout, a reset connection, a 5xx, an answer that cannot be read. The payout may or may not
    /// exist at the provider, so no money moves on it; the saga asks again.
    /// </summary>
    Ambiguous,
}

/// <summary>A provider's answer, with the provider's reason (failed) or what made it ambiguous.</summary>
public sealed record ProviderAnswer(ProviderAnswerKind Kind, string? Detail = null)
{
    public static ProviderAnswer Paid { get; } = new(ProviderAnswerKind.Paid);

    public static ProviderAnswer Pending { get; } = new(ProviderAnswerKind.Pending);

    public static ProviderAnswer NotFound { get; } = new(ProviderAnswerKind.NotFound);

    public static ProviderAnswer Failed(string reason) => new(ProviderAnswerKind.Failed, reason);

    public static ProviderAnswer Ambiguous(string cause) => new(ProviderAnswerKind.Ambiguous, cause);
}

/// <summary>The port to one payout provider: submit a payout, and ask about it again by its reference.</summary>
public interface IPayoutProvider
{
    string Name { get; }

    /// <summary>
    /// Whether the provider answers a second submit with the same reference with the first payout. Only then may a
    /// submit be retried; otherwise an ambiguous submit is resolved by requerying, never by submitting again.
    /// </summary>
    bool DedupesByReference { get; }

    Task<ProviderAnswer> SubmitAsync(PayoutSubmission payout, CancellationToken cancellationToken);

    Task<ProviderAnswer> RequeryAsync(string reference, CancellationToken cancellationToken);
}

/// <summary>The configured providers, by name (the <c>provider</c> of a payout hold).</summary>
public interface IPayoutProviders
{
    IReadOnlyCollection<string> Names { get; }

    IPayoutProvider? Find(string name);
}
