namespace WalletFlow.Grains.Runtime;

/// <summary>Why an activation ends.</summary>
public enum DeactivationReason
{
    /// <summary>No call arrived for <see cref="GrainRuntimeOptions.IdleTimeout"/>.</summary>
    Idle,

    /// <summary>The runtime is being disposed.</summary>
    Shutdown,
}
