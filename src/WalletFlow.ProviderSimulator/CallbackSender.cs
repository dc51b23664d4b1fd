using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace WalletFlow.ProviderSimulator;

/// <summary>
/// Sends a payout's callbacks when it becomes final, as its behaviour's <see cref="CallbackMode"/> says, to
/// <c>Callbacks:Url</c>, signed with <c>Callbacks:Secret</c> the way providers sign (a header
/// <c>Provider-Signature: t={unix seconds},v1={hex HMAC-SHA256 of "{t}.{body}"}</c>). Without a URL it sends nothing.
/// A delivery that fails for a transient reason is retried by the client's standard resilience handler, as providers retry.
/// </summary>
public sealed partial class CallbackSender(IHttpClientFactory clients, IConfiguration configuration, TimeProvider time, ILogger<CallbackSender> logger)
{
    public const string ClientName = "callbacks";
    public const string SignatureHeader = "Provider-Signature";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Sends the payout's callbacks if it has just become final; what the receiver answered to each.</summary>
    public async Task<IReadOnlyList<CallbackDelivery>> AnnounceAsync(SimulatedPayout payout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payout);
        if (configuration["Callbacks:Url"] is not { Length: > 0 } url || payout.Setting.Callbacks == CallbackMode.None || payout.TakeFinal() is not { } final)
        {
            return [];
        }

        var bodies = payout.Setting.Callbacks switch
        {
            CallbackMode.Twice => [Body(final), Body(final)],
            CallbackMode.OutOfOrder => [Body(final), new CallbackBody(final.Reference, PayoutStatus.Pending, null)],
            _ => new[] { Body(final) },
        };
        var deliveries = new List<CallbackDelivery>();
        foreach (var body in bodies)
        {
            deliveries.Add(await DeliverAsync(new Uri(url), body, cancellationToken));
        }

        return deliveries;
    }

    /// <summary>Announces in the background: a submit's or requery's answer does not wait for the callbacks.</summary>
    public void AnnounceLater(SimulatedPayout payout) => _ = Task.Run(async () =>
    {
        try
        {
            await AnnounceAsync(payout, CancellationToken.None);
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            LogUndelivered(exception, payout.Request.Reference);
        }
    });

    public static string Sign(string secret, DateTimeOffset at, byte[] body)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signed = Encoding.ASCII.GetBytes(timestamp + ".").Concat(body).ToArray();
        return $"t={timestamp},v1={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed))}";
    }

    private async Task<CallbackDelivery> DeliverAsync(Uri url, CallbackBody body, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, Json);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add(SignatureHeader, Sign(configuration["Callbacks:Secret"] ?? string.Empty, time.GetUtcNow(), bytes));
        using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
        return new CallbackDelivery(body.Status, (int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    private static CallbackBody Body(PayoutAnswer answer) => new(answer.Reference, answer.Status, answer.Reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The callbacks for {Reference} could not be delivered")]
    private partial void LogUndelivered(Exception exception, string reference);
}
