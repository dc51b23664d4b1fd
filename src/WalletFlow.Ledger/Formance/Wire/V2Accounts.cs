using System.Numerics;

namespace WalletFlow.Ledger.Formance.Wire;

// Formance ledger v2's account shapes (openapi/v2.yaml: V2Volume, V2Volumes, V2Account).

public sealed record V2Volume(BigInteger Input, BigInteger Output, BigInteger? Balance);

public sealed record V2Account
{
    public required string Address { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Volumes by insertion order (<c>expand=volumes</c>).</summary>
    public IReadOnlyDictionary<string, V2Volume>? Volumes { get; init; }

    /// <summary>Volumes by effective date (<c>expand=effectiveVolumes</c>), the ones a point in time (<c>pit</c>) reads.</summary>
    public IReadOnlyDictionary<string, V2Volume>? EffectiveVolumes { get; init; }
}
