namespace WalletFlow.Grains.Runtime;

/// <summary>How the runtime collects activations and batches requests.</summary>
public sealed record GrainRuntimeOptions
{
    /// <summary>
    /// An activation with no call for this long is deactivated and its memory freed; the next call activates it
    /// again. <see cref="Timeout.InfiniteTimeSpan"/> keeps activations until shutdown.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The most requests an <see cref="IBatchingGrain{TRequest, TResponse}"/> receives in one batch.</summary>
    public int MaxBatchSize { get; init; } = 64;

    internal void Validate()
    {
        if (IdleTimeout <= TimeSpan.Zero && IdleTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(IdleTimeout), IdleTimeout, "The idle timeout must be positive or infinite.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBatchSize);
    }
}
