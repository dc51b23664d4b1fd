namespace WalletFlow.Grains.Runtime;

/// <summary>
/// Optional hooks of a grain implementation, run by the runtime inside the activation's turns (never alongside a call):
/// the counterparts of Orleans' <c>OnActivateAsync</c> and <c>OnDeactivateAsync</c>.
/// </summary>
public interface IGrainLifecycle
{
    /// <summary>
    /// Loads the grain's state before its first call runs. If it throws, the calls waiting for the activation fail
    /// with a <see cref="GrainActivationException"/> and the next call tries a fresh activation.
    /// </summary>
    Task OnActivateAsync();

    /// <summary>
    /// Runs once, after the activation's last call, when it is collected or the runtime shuts down. A failure is
    /// reported through <see cref="GrainRuntime.DeactivationFailed"/>; the activation is gone either way.
    /// </summary>
    Task OnDeactivateAsync(DeactivationReason reason);
}
