using System.Numerics;
using System.Text.Json;

namespace WalletFlow.Ledger.Formance.Wire;

// Formance ledger v2's transaction shapes (openapi/v2.yaml: V2Posting, V2PostTransaction, V2Transaction). Inbound
// fields are nullable so that a missing field is told apart from a zero or an empty string and named in the error.

public sealed record V2Posting(string? Source, string? Destination, BigInteger? Amount, string? Asset);

/// <summary><see cref="Template"/> names a stored Numscript template in newer Formance versions; WalletFlow's ledger has none to run.</summary>
public sealed record V2Script(string? Plain, IReadOnlyDictionary<string, JsonElement>? Vars, string? Template = null);

public sealed record V2PostTransaction
{
    public DateTimeOffset? Timestamp { get; init; }

    public IReadOnlyList<V2Posting>? Postings { get; init; }

    public V2Script? Script { get; init; }

    public string? Reference { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Newer Formance versions set account metadata along with the transaction; WalletFlow's ledger does not, so it is refused, not ignored.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? AccountMetadata { get; init; }

    /// <summary>Newer Formance versions also read <c>force</c> from the body (so the bulk endpoint can use it); the query parameter is the original.</summary>
    public bool? Force { get; init; }
}

public sealed record V2RevertTransaction(IReadOnlyDictionary<string, string>? Metadata);

public sealed record V2Transaction
{
    public required long Id { get; init; }

    public required IReadOnlyList<V2Posting> Postings { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    public DateTimeOffset? InsertedAt { get; init; }

    public string? Reference { get; init; }

    public bool Reverted { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, V2Volume>>? PostCommitVolumes { get; init; }
}
