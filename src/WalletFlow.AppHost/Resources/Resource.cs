namespace WalletFlow.AppHost.Resources;

/// <summary>One thing the AppHost runs, as the resource table shows it.</summary>
internal sealed record ResourceStatus(string Name, string State, string Address, int? ProcessId, string Details);

internal interface IResource : IAsyncDisposable
{
    string Name { get; }

    ResourceStatus Status { get; }
}
