using System.Diagnostics;

namespace WalletFlow.Grains.Runtime;

/// <summary>
/// The grain runtime's trace source (<c>WalletFlow.Grains</c>, beside its meter of the same name). A batch serves
/// several callers at once: its span continues the first caller's trace and links the others, so every command's
/// trace reaches the statements that committed it.
/// </summary>
internal static class GrainActivities
{
    public static readonly ActivitySource Source = new(GrainRuntime.MeterName);

    public static Activity? StartBatch(string grain, IReadOnlyList<ActivityContext> callers)
    {
        var parent = callers.FirstOrDefault(caller => caller != default);
        var links = callers.Where(caller => caller != default && caller != parent).Select(caller => new ActivityLink(caller));
        var activity = Source.StartActivity($"{grain} batch", ActivityKind.Internal, parent, links: links);
        activity?.SetTag("walletflow.batch.size", callers.Count);
        return activity;
    }
}
