namespace WalletFlow.ServiceDefaults.Telemetry;

/// <summary>
/// The names exporters subscribe to beyond the instrumentation packages: WalletFlow's own by prefix (every source and
/// meter of the project is named <c>WalletFlow.{Area}</c>, e.g. <c>WalletFlow.Commands</c>) and Npgsql's pool meter.
/// </summary>
public static class WalletFlowTelemetry
{
    public const string SourcePrefix = "WalletFlow";

    /// <summary>Npgsql's own meter: connection-pool figures and command durations (Npgsql.OpenTelemetry adds the traces).</summary>
    internal const string NpgsqlMeter = "Npgsql";
}
