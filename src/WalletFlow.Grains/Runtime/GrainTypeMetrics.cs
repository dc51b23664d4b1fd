namespace WalletFlow.Grains.Runtime;

/// <summary>The runtime's measurements for one grain type, tagged <c>walletflow.grain.type</c>.</summary>
internal sealed class GrainTypeMetrics(GrainMetrics metrics, TimeProvider timeProvider, string grainType)
{
    public const string GrainTypeTag = "walletflow.grain.type";

    private readonly KeyValuePair<string, object?> _grainType = new(GrainTypeTag, grainType);

    public void Activated()
    {
        metrics.CreatedActivations.Add(1, _grainType);
        metrics.ActiveActivations.Add(1, _grainType);
    }

    public void ActivationFailed() => metrics.FailedActivations.Add(1, _grainType);

    public void Deactivated(DeactivationReason reason)
    {
        metrics.ActiveActivations.Add(-1, _grainType);
        if (reason == DeactivationReason.Idle)
        {
            metrics.CollectedActivations.Add(1, _grainType);
        }
    }

    public void CallArrived(int alreadyWaiting) => metrics.MailboxDepth.Record(alreadyWaiting, _grainType);

    public void TurnCompleted<TGrain>(ITurn<TGrain> turn)
        where TGrain : class
    {
        foreach (var item in turn.Items)
        {
            metrics.CallDuration.Record(timeProvider.GetElapsedTime(item.ArrivedAt).TotalSeconds, _grainType);
        }

        if (turn.IsBatch)
        {
            metrics.BatchSize.Record(turn.Items.Count, _grainType);
        }
    }
}
