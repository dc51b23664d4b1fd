using System.Text.Json;
using WalletFlow.Api.Payouts.Providers;
using WalletFlow.Api.Rest;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Payouts.Providers;
using WalletFlow.Application.Payouts.Sagas;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Api.Payouts;

/// <summary>A provider's callback as it arrives: our reference, and what the provider says about it.</summary>
public sealed record ProviderCallbackBody(string? Reference, [property: Choice(typeof(ProviderCallbackStatus))] string? Status, string? Reason);

/// <summary>What a callback says about a payout.</summary>
public enum ProviderCallbackStatus
{
    Paid,
    Failed,
    Pending,
}

/// <summary>What the callback did: <c>applied</c>, <c>duplicate</c>, <c>noted</c>, <c>contradicted</c> or <c>unknown_reference</c>.</summary>
public sealed record ProviderCallbackAnswer([property: Choice(typeof(CallbackOutcome))] string Outcome);

/// <summary>
/// <c>POST /webhooks/providers/{provider}</c>: a provider's callback about one of our payouts. No bearer: the provider
/// proves itself by signing the body with its secret (<see cref="ProviderCallbackSignature"/>). A verified callback
/// is answered 200 whatever it did (a duplicate, an unknown reference), so the provider stops redelivering it; one
/// that is not verified, or not readable, changes nothing and is refused.
/// </summary>
internal static class ProviderCallbackEndpoint
{
    public const string Route = "/webhooks/providers/{provider}";
    public const int MaxBodyBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapProviderCallbacks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Route, ReceiveAsync)
            .AllowAnonymous()
            .WithName("receiveProviderCallback").WithTags("Payouts")
            .WithSummary("A payout provider's callback, signed with the provider's secret (Provider-Signature: t={unix seconds},v1={hex HMAC-SHA256 of \"{t}.{body}\"})")
            .Accepts<ProviderCallbackBody>("application/json")
            .Produces<ProviderCallbackAnswer>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(
        string provider, HttpContext context, PayoutProviderCatalog providers, IPayoutSagaStore sagas, TimeProvider time, CancellationToken cancellationToken)
    {
        if (providers.SettingsOf(provider) is not { } settings)
        {
            return RestProblems.For(new Error(ErrorCodes.NotFound, $"No payout provider is configured as '{provider}'.", "provider"));
        }

        if (settings.WebhookSecret is not { Length: > 0 } secret)
        {
            return RestProblems.For(new Error(ErrorCodes.Unauthorized, $"The provider '{provider}' has no callback secret configured, so none of its callbacks can be verified."));
        }

        if (await ReadBodyAsync(context.Request, cancellationToken) is not { } body)
        {
            return RestProblems.For(new Error(ErrorCodes.RequestTooLarge, $"A callback's body is at most {MaxBodyBytes} bytes."));
        }

        if (ProviderCallbackSignature.Check(secret, context.Request.Headers[ProviderCallbackSignature.Header], body, time.GetUtcNow()) is { } refused)
        {
            return RestProblems.For(new Error(ErrorCodes.Unauthorized, refused, ProviderCallbackSignature.Header));
        }

        if (!Parse(provider, body).TryGetValue(out var callback, out var invalid))
        {
            return RestProblems.For(invalid);
        }

        var outcome = await sagas.RecordCallbackAsync(callback, time.GetUtcNow(), cancellationToken);
        return Results.Json(new ProviderCallbackAnswer(RequestValidator.ToSnakeCase(outcome.ToString())), CommandJson.Options);
    }

    /// <summary>The body's bytes, as signed; null when it is larger than a callback can be.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static Result<ProviderCallback> Parse(string provider, byte[] body)
    {
        ProviderCallbackBody? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<ProviderCallbackBody>(body, Json);
        }
        catch (JsonException)
        {
            return Error.Validation("The callback's body is not JSON of the form {\"reference\", \"status\", \"reason\"}.");
        }

        var fields = new RequestValidator();
        var reference = fields.Required(parsed?.Reference, "reference");
        var status = fields.Choice<ProviderCallbackStatus>(parsed?.Status, "status");
        if (fields.Failed(out var error))
        {
            return error;
        }

        var answer = status switch
        {
            ProviderCallbackStatus.Paid => ProviderAnswerKind.Paid,
            ProviderCallbackStatus.Failed => ProviderAnswerKind.Failed,
            _ => ProviderAnswerKind.Pending,
        };
        return new ProviderCallback(provider, reference, answer, RequestValidator.Optional(parsed!.Reason));
    }

}
