namespace WalletFlow.ProviderSimulator;

/// <summary>How the simulated provider answers for one reference (or one call).</summary>
public enum Behaviour
{
    /// <summary>The payout is paid at once.</summary>
    Paid,

    /// <summary>The payout fails at once, with a reason.</summary>
    Failed,

    /// <summary>Pending until it has been asked about <see cref="BehaviourSetting.Requeries"/> times, then paid.</summary>
    PaidAfterRequeries,

    /// <summary>Pending until it has been asked about <see cref="BehaviourSetting.Requeries"/> times, then failed.</summary>
    FailedAfterRequeries,

    /// <summary>Accepted (and paid), but the answer is a 502: the caller cannot know.</summary>
    BadGateway,

    /// <summary>Accepted (and paid), but the answer comes after <see cref="BehaviourSetting.Delay"/>, past the caller's patience.</summary>
    Timeout,

    /// <summary>Answers normally (paid), after <see cref="BehaviourSetting.Delay"/>.</summary>
    Slow,

    /// <summary>Accepted (and paid), and the answer is not JSON.</summary>
    Garbage,

    /// <summary>Never answers, and records nothing: the request hangs until the caller gives up.</summary>
    NeverAnswers,

    /// <summary>Every call about the reference, submit or requery, answers 503 and records nothing: the provider is down for it.</summary>
    Down,
}

/// <summary>Which callbacks the provider sends when a payout becomes final.</summary>
public enum CallbackMode
{
    /// <summary>No callback: the caller learns the outcome by requerying.</summary>
    None,

    /// <summary>One callback with the final status.</summary>
    Once,

    /// <summary>The same callback delivered twice.</summary>
    Twice,

    /// <summary>The final status, then a stale "pending" that arrives after it.</summary>
    OutOfOrder,
}

/// <summary>A behaviour and its parameters.</summary>
public sealed record BehaviourSetting(Behaviour Behaviour, int Requeries = 2, TimeSpan? Delay = null, CallbackMode Callbacks = CallbackMode.None)
{
    public static readonly TimeSpan DefaultDelay = TimeSpan.FromSeconds(30);

    public TimeSpan DelayOrDefault => Delay ?? DefaultDelay;
}
