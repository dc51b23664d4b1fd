using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WalletFlow.Api.Cluster;

/// <summary>
/// Ready while this process's silo is an active member of its cluster: before it has joined, or once it is shutting
/// down or has been voted out, its grains cannot be called and the replica must not take traffic. The description
/// counts the active silos as this silo sees them, which is how a developer (and the AppHost test) sees the replicas
/// form one cluster.
/// </summary>
internal sealed class ClusterHealthCheck(IClusterMembershipService membership, ILocalSiloDetails localSilo) : IHealthCheck
{
    public const string Name = "cluster";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = membership.CurrentSnapshot;
        var active = snapshot.Members.Values.Count(member => member.Status == SiloStatus.Active);
        var status = snapshot.GetSiloStatus(localSilo.SiloAddress);
        var cluster = active == 1 ? "the cluster has 1 active silo" : $"the cluster has {active} active silos";
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"This silo is active; {cluster}.")
            : new HealthCheckResult(context.Registration.FailureStatus, $"This silo is {status.ToString().ToLowerInvariant()}, not active; {cluster}."));
    }
}
