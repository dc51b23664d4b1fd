namespace WalletFlow.ServiceDefaults.Telemetry;

/// <summary>
/// The names exporters subscribe to: the frameworks' by name, and WalletFlow's own by prefix (every source and meter
/// of the project is named <c>WalletFlow.{Area}</c>, e.g. the grain runtime's <c>WalletFlow.Grains</c>).
/// </summary>
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
}
