namespace WalletFlow.Ledger.Formance.Wire;

// The envelopes every Formance v2 answer comes in (openapi/v2.yaml: *Response, *CursorResponse, V2ErrorResponse).

public sealed record V2Data<T>(T Data);

public sealed record V2Cursor<T>(int PageSize, bool HasMore, string? Previous, string? Next, IReadOnlyList<T> Data);

public sealed record V2CursorResponse<T>(V2Cursor<T> Cursor);

/// <summary><see cref="Details"/> is free text in Formance (often a link to the Numscript playground); WalletFlow's surface puts the offending input there.</summary>
public sealed record V2ErrorResponse(string ErrorCode, string ErrorMessage, string? Details = null);

/// <summary>
/// A ledger (openapi/v2.yaml <c>V2Ledger</c>). <see cref="Bucket"/> is Formance's storage bucket; WalletFlow keeps
/// every ledger in one schema and names it <c>_default</c>, Formance's default bucket.
/// </summary>
public sealed record V2Ledger(string Name, DateTimeOffset AddedAt, string Bucket, IReadOnlyDictionary<string, string>? Metadata);

/// <summary>A ledger's storage (openapi/v2.yaml <c>V2LedgerInfo</c>): the migrations of its bucket.</summary>
public sealed record V2LedgerInfo(string Name, V2LedgerStorage Storage);

public sealed record V2LedgerStorage(IReadOnlyList<V2MigrationInfo> Migrations);

/// <summary>One migration (openapi/v2.yaml <c>V2MigrationInfo</c>; the version is a string, as Formance's client reads it); <see cref="State"/> is <c>DONE</c> or <c>TO DO</c>.</summary>
public sealed record V2MigrationInfo(string Version, string Name, DateTimeOffset Date, string State);

/// <summary>The server (openapi/v2.yaml <c>V2ConfigInfoResponse</c>), answered bare, without the data envelope.</summary>
public sealed record V2ConfigInfo(string Server, string Version);
