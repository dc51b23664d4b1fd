using System.Globalization;
using System.Net.Sockets;
using System.Text;
using StandardWebhooks;
using WalletFlow.Application.Webhooks;

namespace WalletFlow.Api.Webhooks;

/// <summary>
/// One attempt over HTTP, signed with the <c>StandardWebhooks</c> package: <c>webhook-id</c> (the event's id, the same
/// on every attempt), <c>webhook-timestamp</c> (this attempt's) and <c>webhook-signature</c> with one <c>v1,</c>
/// signature per secret in force, space-separated. Only a 2xx answer within <see cref="WebhookOptions.AttemptTimeout"/>
/// delivers; a redirect is not followed (it could lead anywhere) and counts as a failure like any other answer.
/// </summary>
internal sealed class HttpWebhookSender(IHttpClientFactory clients, WebhookOptions options, TimeProvider time) : IWebhookSender
{
    public const string ClientName = "webhooks";

    public async Task<WebhookAttemptResult> SendAsync(LeasedDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        var signedAt = DateTimeOffset.FromUnixTimeSeconds(startedAt.ToUnixTimeSeconds());
        request.Headers.Add("webhook-id", delivery.EventId);
        request.Headers.Add("webhook-timestamp", signedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", string.Join(' ', delivery.Secrets.Select(secret => new StandardWebhook(secret).Sign(delivery.EventId, signedAt, delivery.Body))));

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.AttemptTimeout);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            return new WebhookAttemptResult(startedAt, (int)response.StatusCode, time.GetElapsedTime(started), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed($"No answer within {options.AttemptTimeout.TotalSeconds:0.###} s.");
        }
        catch (HttpRequestException exception)
        {
            return Failed(exception.InnerException is SocketException socket ? $"{exception.Message} ({socket.SocketErrorCode})" : exception.Message);
        }

        WebhookAttemptResult Failed(string error) => new(startedAt, null, time.GetElapsedTime(started), error);
    }
}
