namespace WalletFlow.Grains.Runtime;

/// <summary>
/// The activation a call was waiting for could not be created or its <see cref="IGrainLifecycle.OnActivateAsync"/>
/// failed; the cause is the inner exception. The call never ran; the next call tries a fresh activation.
/// </summary>
public sealed class GrainActivationException(string message, Exception innerException) : Exception(message, innerException);
