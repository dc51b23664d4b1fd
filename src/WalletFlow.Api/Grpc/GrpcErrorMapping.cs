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
    public static GrpcStatus ToStatus(Error error) => new(ToStatusCode(error.Code), $"{error.Code}: {error.Message}");

    public static GrpcStatusCode ToStatusCode(string errorCode) => errorCode switch
    {
        ErrorCodes.InsufficientFunds or ErrorCodes.FlagDenied or LedgerErrors.AlreadyRevertedCode or LedgerErrors.MetadataOverrideCode
            => GrpcStatusCode.FailedPrecondition,
        ErrorCodes.Validation or ErrorCodes.CurrencyUnknown or ErrorCodes.AmountOverflow or ErrorCodes.CurrencyMismatch
            or ErrorCodes.UnclassifiedAddress or ErrorCodes.CompilationFailed or ErrorCodes.NoPostings or ErrorCodes.InterpreterRuntime
            or ErrorCodes.ChartInvalid or ErrorCodes.TemplateUnknown
            => GrpcStatusCode.InvalidArgument,
        _ when errorCode.StartsWith("INVALID_", StringComparison.Ordinal) => GrpcStatusCode.InvalidArgument,
        // A reused idempotency key or reference names something that already exists; retrying cannot help, unlike ABORTED.
        ErrorCodes.IdempotencyConflict or ErrorCodes.Conflict => GrpcStatusCode.AlreadyExists,
        ErrorCodes.NotFound or LedgerErrors.LedgerNotFoundCode => GrpcStatusCode.NotFound,
        ErrorCodes.Unauthorized => GrpcStatusCode.Unauthenticated,
        ErrorCodes.Forbidden => GrpcStatusCode.PermissionDenied,
        ErrorCodes.Unavailable => GrpcStatusCode.Unavailable,
        _ => GrpcStatusCode.Unknown,
    };
}
