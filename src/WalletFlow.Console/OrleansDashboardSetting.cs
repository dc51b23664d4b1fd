using Microsoft.Extensions.Configuration;

namespace WalletFlow.Console;

/// <summary>
/// Whether the host serves the Orleans dashboard under the console's path: on unless
/// <c>WALLETFLOW_ORLEANS_DASHBOARD=false</c>. The in-process test hosts turn it off, since it costs each silo about
/// 0.65 s of CPU at start and its counters every second (docs/grains.md, "Dashboard"); the rail links to it only when it is there.
/// </summary>
public static class OrleansDashboardSetting
{
    public const string Name = "WALLETFLOW_ORLEANS_DASHBOARD";

    public static bool IsOn(IConfiguration configuration) => configuration.GetValue(Name, defaultValue: true);
}
