namespace WalletFlow.Ledger;

/// <summary>
/// Reverts every leg of <see cref="TransactionId"/> at once, at most once. Refused when the reversal would overdraw an
/// account unless <see cref="Force"/>. <see cref="AtEffectiveDate"/> gives the reversal the original's timestamp.
/// </summary>
public sealed record RevertRequest(long TransactionId)
{
    public bool Force { get; init; }

    /// <summary>Keep every balance the reversal touches within signed 64 bits (see <see cref="TransactionRequest.Bounded"/>).</summary>
    public bool Bounded { get; init; }

    public bool AtEffectiveDate { get; init; }

    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    public string? IdempotencyKey { get; init; }
}
