using WalletFlow.Domain.Errors;
using WalletFlow.Ledger;

namespace WalletFlow.Api.Grpc;

/// <summary>
/// WalletFlow's error codes as gRPC statuses. The status tells a generic client what kind of failure it is; the
/// WalletFlow code leads the message (<c>INSUFFICIENT_FUNDS: ...</c>) so a WalletFlow-aware client keeps the exact
/// reason. The table is documented in docs/grpc.md.
/// </summary>
public static class GrpcErrorMapping
{
    public static GrpcStatus ToStatus(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(ToStatusCode(error.Code), $"{error.Code}: {error.Message}");
    }

    public static GrpcStatusCode ToStatusCode(string errorCode) => errorCode switch
    {
        // The system is not in the state the command needs (money, a switch, a wallet, a quote, a reversible
        // transaction); the same call fails until something else changes that state.
        ErrorCodes.InsufficientFunds or ErrorCodes.FlagDenied or ErrorCodes.CurrencyMismatch or ErrorCodes.WalletNotActive
            or ErrorCodes.FxQuoteExpired or ErrorCodes.FxRateUnavailable or ErrorCodes.NotReversible
            or LedgerErrors.AlreadyRevertedCode or LedgerErrors.MetadataOverrideCode
            => GrpcStatusCode.FailedPrecondition,
        ErrorCodes.Validation or ErrorCodes.IdempotencyKeyMissing or ErrorCodes.CurrencyUnknown or ErrorCodes.AmountOverflow
            or ErrorCodes.UnclassifiedAddress or ErrorCodes.CompilationFailed or ErrorCodes.NoPostings or ErrorCodes.InterpreterRuntime
            or ErrorCodes.ChartInvalid or ErrorCodes.TemplateUnknown
            => GrpcStatusCode.InvalidArgument,
        _ when errorCode.StartsWith("INVALID_", StringComparison.Ordinal) => GrpcStatusCode.InvalidArgument,
        // What the command would create already exists (the key's command, the reference's transaction, the quote's
        // deal, the transaction's reversal): retrying cannot help, unlike ABORTED.
        ErrorCodes.IdempotencyConflict or ErrorCodes.Conflict or ErrorCodes.FxQuoteUsed or ErrorCodes.AlreadyReversed => GrpcStatusCode.AlreadyExists,
        // A concurrent process got there first (the hold moved, the key is still running elsewhere): re-read, then retry.
        ErrorCodes.HoldNotOpen or ErrorCodes.IdempotencyInProgress => GrpcStatusCode.Aborted,
        ErrorCodes.NotFound or LedgerErrors.LedgerNotFoundCode => GrpcStatusCode.NotFound,
        ErrorCodes.Unauthorized => GrpcStatusCode.Unauthenticated,
        ErrorCodes.Forbidden => GrpcStatusCode.PermissionDenied,
        ErrorCodes.Unavailable => GrpcStatusCode.Unavailable,
        _ => GrpcStatusCode.Unknown,
    };
}
