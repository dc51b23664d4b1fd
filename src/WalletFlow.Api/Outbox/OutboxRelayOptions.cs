namespace WalletFlow.Api.Outbox;

/// <summary>The outbox relay of this process (section <c>Outbox</c>).</summary>
public sealed class OutboxRelayOptions
{
    public const string Section = "Outbox";

    /// <summary>
    /// Whether this process runs a relay and takes statement rebuilds; every API process does by default, sharing the
    /// outbox through skip-locked claims and a rebuild through its lease.
    /// </summary>
    public bool RelayEnabled { get; set; } = true;

    /// <summary>How long an idle relay waits before it looks again; a relay that found a full batch goes again at once.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often the outbox's lag is read for the metrics.</summary>
    public TimeSpan FiguresInterval { get; set; } = TimeSpan.FromSeconds(5);
}
