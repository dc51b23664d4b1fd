namespace WalletFlow.Ledger.Formance;

/// <summary>Formance ledger v2's error codes (<c>V2ErrorsEnum</c>; <c>internal/api/common/errors.go</c>).</summary>
public static class FormanceErrorCodes
{
    public const string Internal = "INTERNAL";
    public const string InsufficientFund = "INSUFFICIENT_FUND";
    public const string Validation = "VALIDATION";
    public const string Conflict = "CONFLICT";
    public const string CompilationFailed = "COMPILATION_FAILED";
    public const string MetadataOverride = "METADATA_OVERRIDE";
    public const string NotFound = "NOT_FOUND";
    public const string AlreadyRevert = "ALREADY_REVERT";
    public const string NoPostings = "NO_POSTINGS";
    public const string LedgerNotFound = "LEDGER_NOT_FOUND";
    public const string LedgerAlreadyExists = "LEDGER_ALREADY_EXISTS";
    public const string InterpreterParse = "INTERPRETER_PARSE";
    public const string InterpreterRuntime = "INTERPRETER_RUNTIME";
}
