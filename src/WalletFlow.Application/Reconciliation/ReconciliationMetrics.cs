using System.Diagnostics.Metrics;

namespace WalletFlow.Application.Reconciliation;

/// <summary>
/// Meter <c>WalletFlow.Reconciliation</c>: every gate verdict counted by gate and outcome, and how many gates the
/// latest stored run found red (an alert rule fires on a value above zero).
/// </summary>
public sealed class ReconciliationMetrics : IDisposable
{
    public const string MeterName = "WalletFlow.Reconciliation";

    private readonly Meter _meter;
    private readonly Counter<long> _verdicts;
    private int _redGates;

    public ReconciliationMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _verdicts = _meter.CreateCounter<long>("walletflow.reconciliation.gate_verdicts", unit: "{verdict}", description: "Gate verdicts, by gate and outcome (passed or failed).");
        _meter.CreateObservableGauge("walletflow.reconciliation.red_gates", () => Volatile.Read(ref _redGates), unit: "{gate}", description: "Gates the latest run found red.");
    }

    public void Record(ReconciliationRunData run)
    {
        ArgumentNullException.ThrowIfNull(run);
        foreach (var gate in run.Gates)
        {
            _verdicts.Add(1, new KeyValuePair<string, object?>("gate", gate.Gate), new KeyValuePair<string, object?>("outcome", gate.Passed ? "passed" : "failed"));
        }

        Observe(run);
    }

    /// <summary>Shows <paramref name="run"/> as the latest in the gauge, without counting its verdicts again (a run another replica made).</summary>
    public void Observe(ReconciliationRunData run)
    {
        ArgumentNullException.ThrowIfNull(run);
        Volatile.Write(ref _redGates, run.Gates.Count(gate => !gate.Passed));
    }

    public void Dispose() => _meter.Dispose();
}
