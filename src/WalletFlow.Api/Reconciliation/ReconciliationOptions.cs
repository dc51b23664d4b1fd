namespace WalletFlow.Api.Reconciliation;

/// <summary>The gates' schedule (<c>Reconciliation__*</c>).</summary>
public sealed class ReconciliationOptions
{
    public const string Section = "Reconciliation";

    /// <summary>Whether this process takes part in the schedule; every replica may, and each slot runs once between them.</summary>
    public bool ScheduleEnabled { get; init; } = true;

    /// <summary>How often the four gates run on their own; slots are aligned to the clock (every 15 minutes: :00, :15, :30, :45).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(15);
}
