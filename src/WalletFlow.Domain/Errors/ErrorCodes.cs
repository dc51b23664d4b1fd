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

    /// <summary>A posting would leave an account's balance beyond what signed 64-bit minor units hold; WalletFlow's balances are 64-bit everywhere it shows them.</summary>
    public const string BalanceOutOfRange = "BALANCE_OUT_OF_RANGE";
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

    /// <summary>Uploaded chart files were refused: the problem lists every bad line with its file, line and column, and nothing was stored.</summary>
    public const string ChartUploadInvalid = "CHART_UPLOAD_INVALID";
    public const string TemplateUnknown = "TEMPLATE_UNKNOWN";

    /// <summary>A money-moving command arrived without an idempotency key.</summary>
    public const string IdempotencyKeyMissing = "IDEMPOTENCY_KEY_MISSING";

    /// <summary>The same idempotency key is still being executed elsewhere and did not finish in time; retry with the same key.</summary>
    public const string IdempotencyInProgress = "IDEMPOTENCY_IN_PROGRESS";

    public const string FxQuoteExpired = "FX_QUOTE_EXPIRED";
    public const string FxQuoteUsed = "FX_QUOTE_USED";

    /// <summary>The FX desk has no rate for the currency pair asked, so it cannot quote it.</summary>
    public const string FxRateUnavailable = "FX_RATE_UNAVAILABLE";

    /// <summary>The hold is not in a state the command can move it from (already settled or released, for example).</summary>
    public const string HoldNotOpen = "HOLD_NOT_OPEN";

    /// <summary>The hold's provider is not one this deployment is configured to call (PayoutProviders).</summary>
    public const string ProviderUnknown = "PROVIDER_UNKNOWN";

    public const string WalletNotActive = "WALLET_NOT_ACTIVE";

    /// <summary>The transaction cannot be reversed by a reversal (a hold's movements end through settle or release; a reversal is not reversed).</summary>
    public const string NotReversible = "NOT_REVERSIBLE";

    public const string AlreadyReversed = "ALREADY_REVERSED";

    /// <summary>An entry of the console's email allowlists is not an email address.</summary>
    public const string EmailInvalid = "EMAIL_INVALID";

    /// <summary>The email a person signed in with is on neither of the console's allowlists (or they are empty and closed).</summary>
    public const string EmailNotAllowed = "EMAIL_NOT_ALLOWED";

    /// <summary>The identity provider has not verified the email a person signed in with, so it proves nothing.</summary>
    public const string EmailUnverified = "EMAIL_UNVERIFIED";

    /// <summary>Saving the allowlists would take the saving admin's own admin access away.</summary>
    public const string SelfLockout = "SELF_LOCKOUT";

    /// <summary>The request body is larger than any request of the operation could be; it was not read.</summary>
    public const string RequestTooLarge = "REQUEST_TOO_LARGE";

    /// <summary>A webhook endpoint's URL is not https, or its host resolves to a loopback, private or link-local address (SSRF).</summary>
    public const string WebhookTargetRefused = "WEBHOOK_TARGET_REFUSED";

    /// <summary>A partner API key that is malformed, unknown, or whose secret does not match its prefix (which of these is not said).</summary>
    public const string ApiKeyInvalid = "API_KEY_INVALID";

    /// <summary>A partner API key an admin revoked: refused on the next call in every process.</summary>
    public const string ApiKeyRevoked = "API_KEY_REVOKED";

    /// <summary>A partner API key past its expiry.</summary>
    public const string ApiKeyExpired = "API_KEY_EXPIRED";

    /// <summary>A partner call from an address outside its merchant's IP allowlist (an empty allowlist admits none).</summary>
    public const string IpNotAllowed = "IP_NOT_ALLOWED";

    /// <summary>A partner key's merchant or tenant is suspended: its keys act for nobody.</summary>
    public const string MerchantSuspended = "MERCHANT_SUSPENDED";

    /// <summary>A partner key whose scopes do not name the operation called.</summary>
    public const string ScopeMissing = "SCOPE_MISSING";

    /// <summary>A partner call that names a wallet (or anything) of another merchant than its key's: nothing was read or moved.</summary>
    public const string WrongMerchant = "WRONG_MERCHANT";

    /// <summary>An IP allowlist entry that is not an IPv4 or IPv6 address or CIDR block (or has bits set right of its mask).</summary>
    public const string InvalidCidr = "INVALID_CIDR";
}
