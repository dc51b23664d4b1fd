using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Api.Rest;

/// <summary>
/// A database that cannot be reached, anywhere in the API (a read, the ledger surface, the console), answers
/// <c>503</c> problem+json with code <c>UNAVAILABLE</c> and <c>Retry-After</c>, never a <c>500</c>: the caller did
/// nothing wrong and may simply retry. Commands never get here; the executor answers them with the same code.
/// </summary>
internal sealed partial class UnavailableExceptionHandler(ITransientFailures failures, IProblemDetailsService problems, ILogger<UnavailableExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!failures.IsTransient(exception))
        {
            return false;
        }

        LogUnavailable(logger, exception, httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RestProblems.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Unavailable",
                Detail = "WalletFlow could not reach its database just now; retry in a moment.",
                Extensions = { ["code"] = ErrorCodes.Unavailable },
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} answered 503: the database could not be reached.")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string path);
}
