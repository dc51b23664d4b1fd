using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Domain.Errors;

namespace WalletFlow.ServiceDefaults.Problems;

/// <summary>
/// Every error leaves the service as RFC 9457 problem+json carrying a stable <c>code</c> and the trace id, including
/// the framework's own (unknown route, wrong method, an unhandled exception).
/// </summary>
internal static class ProblemDetailsSetup
{
    public static void Add(IServiceCollection services) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Instance ??= context.HttpContext.Request.Path;
            problem.Extensions.TryAdd("code", CodeFor(problem.Status ?? StatusCodes.Status500InternalServerError));
            problem.Extensions.TryAdd("traceId", Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier);
        });

    private static string CodeFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => ErrorCodes.Validation,
        StatusCodes.Status401Unauthorized => ErrorCodes.Unauthorized,
        StatusCodes.Status403Forbidden => ErrorCodes.Forbidden,
        StatusCodes.Status404NotFound => ErrorCodes.NotFound,
        StatusCodes.Status405MethodNotAllowed => "METHOD_NOT_ALLOWED",
        StatusCodes.Status409Conflict => ErrorCodes.Conflict,
        StatusCodes.Status415UnsupportedMediaType => "UNSUPPORTED_MEDIA_TYPE",
        StatusCodes.Status503ServiceUnavailable => ErrorCodes.Unavailable,
        _ => "INTERNAL",
    };
}
