namespace WalletFlow.Grains.Runtime;

/// <summary>An <see cref="IGrainLifecycle.OnDeactivateAsync"/> that threw: nobody awaits it, so the runtime reports it.</summary>
public sealed record GrainDeactivationFailure(string GrainType, object Key, DeactivationReason Reason, Exception Exception);
