using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace WalletFlow.ServiceDefaults.Telemetry;

/// <summary>The names under which WalletFlow's own code emits traces and metrics; exporters subscribe to them by prefix.</summary>
public static class WalletFlowTelemetry
{
    public const string SourcePrefix = "WalletFlow";

    /// <summary>The sources and meters of the frameworks underneath, added by name (their instrumentation packages are not available here).</summary>
    internal static readonly string[] FrameworkActivitySources = ["Microsoft.AspNetCore", "System.Net.Http", "Npgsql"];

    internal static readonly string[] FrameworkMeters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.RateLimiting",
        "System.Net.Http",
        "System.Runtime",
        "Npgsql",
    ];

    public static ActivitySource CreateActivitySource(string area) => new($"{SourcePrefix}.{area}");

    public static Meter CreateMeter(string area) => new($"{SourcePrefix}.{area}");
}
