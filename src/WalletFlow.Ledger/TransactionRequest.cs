namespace WalletFlow.Ledger;

/// <summary>
/// What to post: exactly one of explicit <see cref="Postings"/> or a Numscript <see cref="Script"/>. Postings are
/// checked like a script's sends, in order: only <c>world</c> may go negative, unless <see cref="Force"/>.
/// The <see cref="IdempotencyKey"/> is a permanent claim: the same key with the same request returns the original
/// transaction; with a different request it is refused. The <see cref="Reference"/> is unique within the ledger.
/// </summary>
public sealed record TransactionRequest
{
    public IReadOnlyList<Posting>? Postings { get; init; }

    public NumscriptScript? Script { get; init; }

    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    public string? Reference { get; init; }

    public string? IdempotencyKey { get; init; }

    /// <summary>When the transaction takes effect; now when absent.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>Allow any source to go negative (Formance's <c>force</c>): for operators' corrections, never for partner traffic.</summary>
    public bool Force { get; init; }

    /// <summary>
    /// Refuse the transaction (<c>BALANCE_OUT_OF_RANGE</c>) when it would leave an account other than <c>world</c> with
    /// a balance outside signed 64 bits. The ledger itself holds any integer, as Formance does; the wallet core asks for
    /// the bound because its receipts, reads and gRPC messages carry balances as 64-bit minor units. Only the embedded
    /// ledger enforces it (docs/ledger.md).
    /// </summary>
    public bool Bounded { get; init; }

    public static TransactionRequest FromPostings(params Posting[] postings) => new() { Postings = postings };

    public static TransactionRequest FromScript(string plain, IReadOnlyDictionary<string, string> vars) => new() { Script = new NumscriptScript(plain, vars) };
}

/// <summary>A Numscript program and its variables, as strings in Formance's formats (<c>"USD/2 100"</c>, <c>"users:1"</c>).</summary>
public sealed record NumscriptScript(string Plain, IReadOnlyDictionary<string, string> Vars);
