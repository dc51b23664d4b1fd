using WalletFlow.Domain.Errors;
using WalletFlow.Ledger;

namespace WalletFlow.Api.Rest;

/// <summary>
/// An <see cref="Error"/> as RFC 9457 problem+json: its code, its sentence, the field at fault and every field error.
/// <c>UNAVAILABLE</c> also says when to retry (<c>Retry-After</c>).
/// </summary>
internal static class RestProblems
{
    /// <summary>
    /// How long a caller should wait before retrying an <c>UNAVAILABLE</c> answer: Postgres is back within a few
    /// seconds after a dropped connection or a restart, and a retry with the same key is always safe.
    /// </summary>
    public const int RetryAfterSeconds = 2;

    public static IResult For(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var extensions = new Dictionary<string, object?> { ["code"] = error.Code };
        if (error.Field is not null)
        {
            extensions["field"] = error.Field;
        }

        if (error.Scope is not null)
        {
            extensions["scope"] = error.Scope;
        }

        if (error.Details.Count > 1)
        {
            extensions["errors"] = error.Details.Select(detail => new { code = detail.Code, field = detail.Field, message = detail.Message }).ToList();
        }

        var problem = Results.Problem(detail: error.Message, statusCode: StatusFor(error.Code), title: TitleFor(error.Code), extensions: extensions);
        return error.Code == ErrorCodes.Unavailable ? new RetryLater(problem) : problem;
    }

    public static int StatusFor(string code) => code switch
    {
        ErrorCodes.NotFound or LedgerErrors.LedgerNotFoundCode => StatusCodes.Status404NotFound,
        ErrorCodes.Unauthorized or ErrorCodes.ApiKeyInvalid or ErrorCodes.ApiKeyRevoked or ErrorCodes.ApiKeyExpired => StatusCodes.Status401Unauthorized,
        ErrorCodes.Forbidden or ErrorCodes.FlagDenied or ErrorCodes.IpNotAllowed or ErrorCodes.MerchantSuspended or ErrorCodes.ScopeMissing or ErrorCodes.WrongMerchant
            => StatusCodes.Status403Forbidden,
        ErrorCodes.IdempotencyConflict or ErrorCodes.IdempotencyInProgress or ErrorCodes.Conflict or ErrorCodes.HoldNotOpen
            or ErrorCodes.FxQuoteUsed or ErrorCodes.AlreadyReversed or LedgerErrors.AlreadyRevertedCode => StatusCodes.Status409Conflict,
        ErrorCodes.InsufficientFunds or ErrorCodes.BalanceOutOfRange or ErrorCodes.CurrencyMismatch or ErrorCodes.WalletNotActive or ErrorCodes.FxQuoteExpired or ErrorCodes.FxRateUnavailable
            or ErrorCodes.NotReversible or ErrorCodes.ProviderUnknown or ErrorCodes.WebhookTargetRefused => StatusCodes.Status422UnprocessableEntity,
        ErrorCodes.Unavailable => StatusCodes.Status503ServiceUnavailable,
        ErrorCodes.RequestTooLarge => StatusCodes.Status413PayloadTooLarge,
        _ => StatusCodes.Status400BadRequest,
    };

    private static string TitleFor(string code) => StatusFor(code) switch
    {
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status401Unauthorized => "Unauthorized",
        StatusCodes.Status403Forbidden => "Forbidden",
        StatusCodes.Status409Conflict => "Conflict",
        StatusCodes.Status422UnprocessableEntity => "Rejected",
        StatusCodes.Status503ServiceUnavailable => "Unavailable",
        StatusCodes.Status413PayloadTooLarge => "Too large",
        _ => "Invalid request",
    };
}

/// <summary>A problem answered with <c>Retry-After</c>.</summary>
internal sealed class RetryLater(IResult problem) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers.RetryAfter = RestProblems.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return problem.ExecuteAsync(httpContext);
    }
}
