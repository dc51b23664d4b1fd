using Orleans.Configuration;

namespace WalletFlow.Api.Cluster;

/// <summary>
/// How soon a silo that stopped answering is voted out of the cluster. Until it is, the grains it held cannot move, and
/// calls for them wait (up to <see cref="Grains.Commands.MembershipRetry"/>'s budget) or answer UNAVAILABLE. Orleans'
/// defaults (three missed probes of 5 s) suit large clusters on busy networks; two replicas on loopback answer a probe
/// in well under a millisecond, so three missed probes of 2 s declare a killed replica dead in about six seconds and
/// still leave a live but busy silo two full seconds per probe.
/// </summary>
internal static class FailureDetection
{
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);
    public const int MissedProbesLimit = 3;

    public static void Apply(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = ProbeTimeout;
        options.NumMissedProbesLimit = MissedProbesLimit;
    }
}
