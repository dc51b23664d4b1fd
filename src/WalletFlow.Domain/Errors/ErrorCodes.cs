namespace WalletFlow.Domain.Errors;

/// <summary>The codes every front (REST, gRPC, console) reports. They are part of the public contract: never rename one.</summary>
public static class ErrorCodes
{
    public const string Validation = "VALIDATION";
    public const string NotFound = "NOT_FOUND";
    public const string CurrencyUnknown = "CURRENCY_UNKNOWN";
    public const string InvalidAmount = "INVALID_AMOUNT";
    public const string AmountOverflow = "AMOUNT_OVERFLOW";
    public const string CurrencyMismatch = "CURRENCY_MISMATCH";
    public const string InvalidAddress = "INVALID_ADDRESS";
    public const string InsufficientFunds = "INSUFFICIENT_FUNDS";
    public const string FlagDenied = "FLAG_DENIED";
    public const string IdempotencyConflict = "IDEMPOTENCY_CONFLICT";
    public const string Conflict = "CONFLICT";
    public const string Unauthorized = "UNAUTHORIZED";
    public const string Forbidden = "FORBIDDEN";
    public const string Unavailable = "UNAVAILABLE";

    /// <summary>A Numscript template does not lex, parse or type-check.</summary>
    public const string CompilationFailed = "COMPILATION_FAILED";

    /// <summary>A Numscript run produced no posting; the ledger refuses an empty transaction (Formance's NO_POSTINGS).</summary>
    public const string NoPostings = "NO_POSTINGS";

    /// <summary>A Numscript run failed on the script's own logic (Formance's INTERPRETER_RUNTIME), e.g. portions that do not sum to one.</summary>
    public const string InterpreterRuntime = "INTERPRETER_RUNTIME";

    public const string InvalidAsset = "INVALID_ASSET";
    public const string InvalidId = "INVALID_ID";
    public const string UnclassifiedAddress = "UNCLASSIFIED_ADDRESS";
    public const string ChartInvalid = "CHART_INVALID";
    public const string TemplateUnknown = "TEMPLATE_UNKNOWN";
}
