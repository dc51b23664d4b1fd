using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace WalletFlow.Ledger.Formance;

/// <summary>
/// Every call has a timeout per attempt and a total one. Only calls that cannot move money twice are retried: reads,
/// writes that carry an idempotency key (Formance replays the first result), and writes that are idempotent by
/// nature (creating a ledger, setting or deleting metadata). A transaction or a revert without a key is tried once:
/// after a timeout nobody knows whether it was written, and a second attempt could post it again.
/// </summary>
internal sealed class FormanceResilience(FormanceLedgerOptions options, TimeProvider timeProvider)
{
    public ResiliencePipeline<HttpResponseMessage> Retried { get; } = Build(options, timeProvider, retried: true);

    public ResiliencePipeline<HttpResponseMessage> Once { get; } = Build(options, timeProvider, retried: false);

    private static ResiliencePipeline<HttpResponseMessage> Build(FormanceLedgerOptions options, TimeProvider timeProvider, bool retried)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddTimeout(options.TotalTimeout);
        if (retried && options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = arguments => IsTransientAsync(arguments.Outcome),
            });
        }

        return builder.AddTimeout(options.AttemptTimeout).Build();
    }

    /// <summary>
    /// A failure worth another attempt: the connection failed, the attempt timed out, or Formance says it is
    /// overloaded or down. Formance's 409 "duplicate idempotency key" also qualifies: the same key is still being
    /// written by an earlier attempt, and the next one will replay its result.
    /// </summary>
    private static async ValueTask<bool> IsTransientAsync(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
                or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => true,
            // The content is buffered (ResponseContentRead), so reading it here leaves it for the caller.
            HttpStatusCode.Conflict => FormanceErrors.MentionsIdempotency(await response.Content.ReadAsStringAsync()),
            _ => false,
        },
        _ => false,
    };
}
