using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Polly.CircuitBreaker;
using Polly.Timeout;
using WalletFlow.Application.Payouts.Providers;

namespace WalletFlow.Api.Payouts.Providers;

/// <summary>
/// A provider over HTTP and JSON (the simulator's contract, which a real provider's adapter maps to): <c>POST /payouts</c>
/// with our reference as <c>Idempotency-Key</c>, <c>GET /payouts/{reference}</c>. Only a readable answer is an answer;
/// everything else (a timeout, a reset, a 5xx, a body that is not the contract) is ambiguous, never failed, because the
/// provider may have paid.
/// </summary>
internal sealed class HttpPayoutProvider(string name, HttpClient http, PayoutProviderOptions options, ProviderHealth health) : IPayoutProvider
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => name;

    public bool DedupesByReference => options.DedupesByReference;

    public Task<ProviderAnswer> SubmitAsync(PayoutSubmission payout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payout);
        var request = new HttpRequestMessage(HttpMethod.Post, "payouts") { Content = JsonContent.Create(payout, options: Json) };
        request.Headers.Add("Idempotency-Key", payout.Reference);
        return AskAsync(request, cancellationToken);
    }

    public Task<ProviderAnswer> RequeryAsync(string reference, CancellationToken cancellationToken) =>
        AskAsync(new HttpRequestMessage(HttpMethod.Get, $"payouts/{Uri.EscapeDataString(reference)}"), cancellationToken);

    private async Task<ProviderAnswer> AskAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            var started = Stopwatch.GetTimestamp();
            ProviderAnswer answer;
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                answer = await ReadAsync(response, cancellationToken);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested && Unanswered(exception) is { } cause)
            {
                answer = ProviderAnswer.Ambiguous(cause);
            }

            health.Record(name, answer.Kind != ProviderAnswerKind.Ambiguous, Stopwatch.GetElapsedTime(started));
            return answer;
        }
    }

    private static async Task<ProviderAnswer> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return ProviderAnswer.Ambiguous($"the provider answered {status}");
        }

        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return ProviderAnswer.NotFound;
        }

        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            // Another payout holds our reference there: nothing can be concluded about ours without a person.
            return ProviderAnswer.Ambiguous("the provider holds another payout under this reference");
        }

        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
        {
            // Not about the payout: our credentials, or the provider's load. Releasing on these would bounce every payout.
            return ProviderAnswer.Ambiguous($"the provider answered {status}");
        }

        WireAnswer? answer;
        try
        {
            answer = await response.Content.ReadFromJsonAsync<WireAnswer>(Json, cancellationToken);
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException)
        {
            return ProviderAnswer.Ambiguous($"the provider's answer ({status}) is not readable");
        }

        if (status >= 400)
        {
            return ProviderAnswer.Failed(answer?.Error ?? $"refused with {status}");
        }

        return answer?.Status switch
        {
            WireStatus.Paid => ProviderAnswer.Paid,
            WireStatus.Pending => ProviderAnswer.Pending,
            WireStatus.Failed => ProviderAnswer.Failed(answer.Reason ?? "failed without a reason"),
            _ => ProviderAnswer.Ambiguous($"the provider's answer ({status}) has no status"),
        };
    }

    private static string? Unanswered(Exception exception) => exception switch
    {
        TimeoutRejectedException or TaskCanceledException => "no answer in time",
        BrokenCircuitException => "the provider's circuit is open after repeated failures",
        HttpRequestException http => $"the connection failed ({http.HttpRequestError})",
        _ => null,
    };

    private sealed record WireAnswer(string? Reference, WireStatus? Status, string? Reason, string? Error);

    [JsonConverter(typeof(JsonStringEnumConverter<WireStatus>))]
    private enum WireStatus
    {
        [JsonStringEnumMemberName("pending")]
        Pending,

        [JsonStringEnumMemberName("paid")]
        Paid,

        [JsonStringEnumMemberName("failed")]
        Failed,
    }
}
