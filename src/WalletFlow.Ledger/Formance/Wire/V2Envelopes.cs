namespace WalletFlow.Ledger.Formance.Wire;

// The envelopes every Formance v2 answer comes in (openapi/v2.yaml: *Response, *CursorResponse, V2ErrorResponse).

public sealed record V2Data<T>(T Data);

public sealed record V2Cursor<T>(int PageSize, bool HasMore, string? Previous, string? Next, IReadOnlyList<T> Data);

public sealed record V2CursorResponse<T>(V2Cursor<T> Cursor);

/// <summary><see cref="Details"/> is free text in Formance (often a link to the Numscript playground); WalletFlow's surface puts the offending input there.</summary>
public sealed record V2ErrorResponse(string ErrorCode, string ErrorMessage, string? Details = null);
