using System.Globalization;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using WalletFlow.Domain.Errors;
using WalletFlow.Ledger;
using RpcStatus = Google.Rpc.Status;

namespace WalletFlow.Api.Grpc;

/// <summary>
/// WalletFlow's error codes as gRPC statuses. The status tells a generic client what kind of failure it is; the
/// details (<c>grpc-status-details-bin</c>, a <c>google.rpc.Status</c>) carry the exact reason: an <c>ErrorInfo</c>
/// whose reason is the WalletFlow code (domain <c>walletflow</c>), a <c>BadRequest</c> listing every field at fault
/// for a validation error, and a <c>RetryInfo</c> when the call may simply be retried. The code also leads the status
/// message (<c>INSUFFICIENT_FUNDS: ...</c>) for clients that read no details. The table is documented in docs/grpc.md.
/// </summary>
public static class GrpcErrorMapping
{
    public const string Domain = "walletflow";

    /// <summary>How long a caller should wait before retrying an <c>UNAVAILABLE</c> call (REST's <c>Retry-After</c>).</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    /// <summary>The rich status of <paramref name="error"/>, as the exception Grpc.AspNetCore ends the call with.</summary>
    public static RpcException ToRpcException(Error error) => ToRpcStatus(error).ToRpcException();

    public static RpcStatus ToRpcStatus(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var code = ToStatusCode(error.Code);
        var info = new ErrorInfo { Reason = error.Code, Domain = Domain };
        if (error.Field is { } field)
        {
            info.Metadata["field"] = field;
        }

        var status = new RpcStatus { Code = (int)code, Message = $"{error.Code}: {error.Message}", Details = { Any.Pack(info) } };
        var violations = (error.Details.Count > 0 ? error.Details : [error])
            .Where(detail => detail.Field is not null)
            .Select(detail => new BadRequest.Types.FieldViolation { Field = detail.Field, Description = detail.Message, Reason = detail.Code })
            .ToList();
        if (code == StatusCode.InvalidArgument && violations.Count > 0)
        {
            status.Details.Add(Any.Pack(new BadRequest { FieldViolations = { violations } }));
        }

        if (code == StatusCode.Unavailable)
        {
            status.Details.Add(Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(RetryDelay) }));
        }

        return status;
    }

    /// <summary>The response headers of a call refused before it reached a service (the bearer check): a trailers-only gRPC answer.</summary>
    public static void WriteTrailersOnly(IHeaderDictionary headers, Error error)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var status = ToRpcStatus(error);
        headers.ContentType = "application/grpc";
        headers["grpc-status"] = status.Code.ToString(CultureInfo.InvariantCulture);
        headers["grpc-message"] = PercentEncoded(status.Message);
        headers["grpc-status-details-bin"] = Convert.ToBase64String(status.ToByteArray());
    }

    /// <summary>
    /// <c>grpc-message</c> as the gRPC protocol spells it: the message's UTF-8 bytes, each byte outside printable ASCII
    /// and every <c>%</c> as <c>%XX</c>, the rest as is. Not a URI escape: grpc-js decodes with <c>decodeURI</c>,
    /// which leaves an escaped <c>:</c> (<c>%3A</c>) in the message (seen by the grpc-js interop test).
    /// </summary>
    public static string PercentEncoded(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var encoded = new StringBuilder(message.Length);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E && b != (byte)'%')
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }

    public static StatusCode ToStatusCode(string errorCode) => errorCode switch
    {
        // The system is not in the state the command needs (money, a switch, a wallet, a quote, a reversible
        // transaction); the same call fails until something else changes that state.
        ErrorCodes.InsufficientFunds or ErrorCodes.BalanceOutOfRange or ErrorCodes.FlagDenied or ErrorCodes.CurrencyMismatch or ErrorCodes.WalletNotActive
            or ErrorCodes.FxQuoteExpired or ErrorCodes.FxRateUnavailable or ErrorCodes.NotReversible or ErrorCodes.ProviderUnknown
            or LedgerErrors.AlreadyRevertedCode or LedgerErrors.MetadataOverrideCode
            => StatusCode.FailedPrecondition,
        ErrorCodes.Validation or ErrorCodes.IdempotencyKeyMissing or ErrorCodes.CurrencyUnknown or ErrorCodes.AmountOverflow
            or ErrorCodes.UnclassifiedAddress or ErrorCodes.CompilationFailed or ErrorCodes.NoPostings or ErrorCodes.InterpreterRuntime
            or ErrorCodes.ChartInvalid or ErrorCodes.TemplateUnknown or ErrorCodes.WebhookTargetRefused
            => StatusCode.InvalidArgument,
        _ when errorCode.StartsWith("INVALID_", StringComparison.Ordinal) => StatusCode.InvalidArgument,
        // What the command would create already exists (the key's command, the reference's transaction, the quote's
        // deal, the transaction's reversal): retrying cannot help, unlike ABORTED.
        ErrorCodes.IdempotencyConflict or ErrorCodes.Conflict or ErrorCodes.FxQuoteUsed or ErrorCodes.AlreadyReversed => StatusCode.AlreadyExists,
        // A concurrent process got there first (the hold moved, the key is still running elsewhere): re-read, then retry.
        ErrorCodes.HoldNotOpen or ErrorCodes.IdempotencyInProgress => StatusCode.Aborted,
        ErrorCodes.NotFound or LedgerErrors.LedgerNotFoundCode => StatusCode.NotFound,
        ErrorCodes.Unauthorized or ErrorCodes.ApiKeyInvalid or ErrorCodes.ApiKeyRevoked or ErrorCodes.ApiKeyExpired => StatusCode.Unauthenticated,
        ErrorCodes.Forbidden or ErrorCodes.IpNotAllowed or ErrorCodes.MerchantSuspended or ErrorCodes.ScopeMissing or ErrorCodes.WrongMerchant => StatusCode.PermissionDenied,
        ErrorCodes.Unavailable => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };
}
