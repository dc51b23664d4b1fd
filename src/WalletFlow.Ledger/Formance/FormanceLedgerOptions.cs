namespace WalletFlow.Ledger.Formance;

/// <summary>
/// Where Formance is and how long to wait for it. <see cref="BaseAddress"/> is everything in front of <c>/v2/...</c>:
/// <c>http://localhost:3068</c> for a ledger on its own, <c>https://stack.example/api/ledger</c> through Formance's
/// gateway (the prefix the SDKs use), <c>http://localhost:5080/api/ledger</c> for WalletFlow's own surface.
/// </summary>
public sealed record FormanceLedgerOptions(Uri BaseAddress)
{
    /// <summary>How long one attempt may take before it is abandoned (and retried, where a retry is safe).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a call may take in all, retries and their back-off included.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt, for reads and for writes that carry an idempotency key.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>The first back-off; it doubles (with jitter) for each retry.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);
}
