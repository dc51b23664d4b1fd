using System.Net;
using WalletFlow.Domain.Errors;
using WalletFlow.Ledger.Formance.Wire;

namespace WalletFlow.Ledger.Formance;

/// <summary>
/// Formance's error codes and WalletFlow's, both ways: the adapter reads Formance's answers into <see cref="Error"/>s,
/// and the API's Formance-compatible surface writes WalletFlow's errors with Formance's codes and statuses.
/// The table is in docs/ledger.md.
/// </summary>
public static class FormanceErrors
{
    /// <summary>
    /// A Formance error answer as WalletFlow's error. <c>VALIDATION</c> is also how Formance refuses an idempotency key
    /// reused with a different request (<c>ErrInvalidIdempotencyInput</c>: "invalid idempotency hash when using
    /// idempotency key ..."), so a validation error about the idempotency key becomes <c>IDEMPOTENCY_CONFLICT</c>.
    /// </summary>
    public static Error ToWalletFlow(V2ErrorResponse response, string? idempotencyKey = null)
    {
        var message = response.ErrorMessage;
        var field = FieldFrom(response.Details);
        return response.ErrorCode switch
        {
            FormanceErrorCodes.InsufficientFund => new Error(ErrorCodes.InsufficientFunds, message, field),
            FormanceErrorCodes.Validation when idempotencyKey is not null && MentionsIdempotency(message) =>
                new Error(ErrorCodes.IdempotencyConflict, message, "idempotencyKey"),
            FormanceErrorCodes.Validation => new Error(ErrorCodes.Validation, message, field),
            FormanceErrorCodes.CompilationFailed or FormanceErrorCodes.InterpreterParse => new Error(ErrorCodes.CompilationFailed, message, field),
            FormanceErrorCodes.InterpreterRuntime => new Error(ErrorCodes.InterpreterRuntime, message, field),
            FormanceErrorCodes.NoPostings => new Error(ErrorCodes.NoPostings, message, field),
            FormanceErrorCodes.AlreadyRevert => new Error(LedgerErrors.AlreadyRevertedCode, message, field),
            FormanceErrorCodes.MetadataOverride => new Error(LedgerErrors.MetadataOverrideCode, message, field),
            FormanceErrorCodes.Conflict => new Error(ErrorCodes.Conflict, message, field ?? (MentionsIdempotency(message) ? "idempotencyKey" : "reference")),
            FormanceErrorCodes.NotFound => new Error(ErrorCodes.NotFound, message, field),
            FormanceErrorCodes.LedgerNotFound => new Error(LedgerErrors.LedgerNotFoundCode, message, field),
            _ => throw new FormanceLedgerException($"Formance answered with an error WalletFlow does not expect: {response.ErrorCode}: {message}"),
        };
    }

    /// <summary>WalletFlow's error as Formance's code and HTTP status.</summary>
    public static (string Code, HttpStatusCode Status) ToFormance(Error error) => error.Code switch
    {
        ErrorCodes.InsufficientFunds => (FormanceErrorCodes.InsufficientFund, HttpStatusCode.BadRequest),
        ErrorCodes.CompilationFailed => (FormanceErrorCodes.CompilationFailed, HttpStatusCode.BadRequest),
        ErrorCodes.InterpreterRuntime => (FormanceErrorCodes.InterpreterRuntime, HttpStatusCode.BadRequest),
        ErrorCodes.NoPostings => (FormanceErrorCodes.NoPostings, HttpStatusCode.BadRequest),
        LedgerErrors.AlreadyRevertedCode => (FormanceErrorCodes.AlreadyRevert, HttpStatusCode.BadRequest),
        LedgerErrors.MetadataOverrideCode => (FormanceErrorCodes.MetadataOverride, HttpStatusCode.BadRequest),
        // Formance's own answer to a key reused with another request (ErrInvalidIdempotencyInput).
        ErrorCodes.IdempotencyConflict => (FormanceErrorCodes.Validation, HttpStatusCode.BadRequest),
        ErrorCodes.Conflict => (FormanceErrorCodes.Conflict, HttpStatusCode.Conflict),
        ErrorCodes.NotFound => (FormanceErrorCodes.NotFound, HttpStatusCode.NotFound),
        LedgerErrors.LedgerNotFoundCode => (FormanceErrorCodes.LedgerNotFound, HttpStatusCode.NotFound),
        ErrorCodes.Unavailable => (FormanceErrorCodes.Internal, HttpStatusCode.ServiceUnavailable),
        // Every other code is a refusal of the input (invalid address, asset, amount, currency, ...).
        _ => (FormanceErrorCodes.Validation, HttpStatusCode.BadRequest),
    };

    public static bool MentionsIdempotency(string message) => message.Contains("idempotency", StringComparison.OrdinalIgnoreCase);

    // Formance puts a link (to the Numscript playground) in details; WalletFlow's surface puts the offending input.
    private static string? FieldFrom(string? details) =>
        string.IsNullOrWhiteSpace(details) || details.Contains("://", StringComparison.Ordinal) ? null : details;
}
