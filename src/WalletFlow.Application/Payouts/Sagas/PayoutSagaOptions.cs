namespace WalletFlow.Application.Payouts.Sagas;

/// <summary>How the payout sagas run (configuration section <c>PayoutSagas</c>).</summary>
public sealed record PayoutSagaOptions
{
    public const string Section = "PayoutSagas";

    /// <summary>Whether this process runs the worker loop; tests that drive the sagas step by step turn it off.</summary>
    public bool WorkerEnabled { get; init; } = true;

    /// <summary>How often an idle worker looks for due sagas.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How many due sagas one worker claims at a time (and runs side by side).</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>
    /// How many provider calls a payout gets (submits and requeries together) before, with no final answer, it goes to
    /// manual review.
    /// </summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>The wait before the first requery; it doubles with each call, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a claimed saga is its worker's: longer than any provider call, so only a dead worker's sagas come due again.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The wait before a settle, release or review that was refused (a flag off, the database away) is tried again.</summary>
    public TimeSpan StepRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A hold still reserved (never submitted) this long after it was made is marked stuck.</summary>
    public TimeSpan StuckAfter { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How often the worker looks for stuck holds.</summary>
    public TimeSpan StuckSweepInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The wait before the requery that follows call number <paramref name="attempts"/>.</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var doublings = Math.Clamp(attempts - 1, 0, 30);
        var delay = FirstRetryDelay * Math.Pow(2, doublings);
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }
}
