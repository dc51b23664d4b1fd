using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using StandardWebhooks;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Webhooks;

/// <summary>
/// The two partner receivers that judge WalletFlow's webhooks, judged first: deliveries signed here with the .NET
/// StandardWebhooks library, posted over loopback HTTP, are accepted exactly when the Standard Webhooks spec says they
/// are valid, by the .NET receiver process and by the reference JavaScript library's. A receiver that accepted
/// everything would make every webhook test pass.
/// </summary>
public sealed class WebhookReceiversTests(WebhookReceivers receivers) : IClassFixture<WebhookReceivers>
{
    private const string Body = """{"type":"transfer.completed","data":{"walletId":"w_7","amountMinor":2500,"currency":"EUR","reference":"Café №5"}}""";

    [Fact]
    public async Task A_body_signed_with_the_partner_secret_is_accepted_and_listed_once_by_both_receivers()
    {
        const string name = "signed";
        await receivers.Dotnet.ConfigureAsync(name, [WebhookReceivers.PartnerSecret]);
        var delivery = SignedDelivery.Sign(Body, WebhookReceivers.PartnerSecret);
        var nodeSawBefore = receivers.Node.Receipts.Count;

        Assert.Equal(HttpStatusCode.NoContent, await receivers.PostAsync(receivers.Dotnet.UrlOf(name), delivery));
        Assert.Equal(HttpStatusCode.NoContent, await receivers.PostAsync(receivers.Node.Url, delivery));

        var received = await receivers.Dotnet.ReceivedAsync(name);
        var attempt = Assert.Single(received.Attempts);
        Assert.Equal((delivery.Id, true, 204, false, Body), (attempt.Id, attempt.Verified, attempt.Status, attempt.Hung, attempt.Body));
        Assert.Equal([delivery.Id], received.Delivered);
        Assert.Equal(0, received.Duplicates);
        var receipt = Assert.Single((await receivers.Node.WaitForAsync(nodeSawBefore + 1, Bounded.Limit)).Skip(nodeSawBefore));
        Assert.Equal((delivery.Id, true, null), (receipt.Id, receipt.Verified, receipt.Error));
        using var sent = JsonDocument.Parse(Body);
        Assert.True(JsonElement.DeepEquals(sent.RootElement, receipt.Body!.Value), receipt.Body.ToString());
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_refused_by_both_receivers()
    {
        const string name = "tampered";
        await receivers.Dotnet.ConfigureAsync(name, [WebhookReceivers.PartnerSecret]);
        var tampered = SignedDelivery.Sign(Body, WebhookReceivers.PartnerSecret) with { Body = Body.Replace("2500", "2600", StringComparison.Ordinal) };

        await AssertRefusedByBothAsync(name, tampered);
    }

    [Fact]
    public async Task A_body_signed_with_another_secret_is_refused_by_both_receivers()
    {
        const string name = "stranger";
        await receivers.Dotnet.ConfigureAsync(name, [WebhookReceivers.PartnerSecret]);

        await AssertRefusedByBothAsync(name, SignedDelivery.Sign(Body, WebhookReceivers.StrangerSecret));
    }

    [Fact]
    public async Task During_a_secret_rotation_a_body_signed_with_either_secret_is_accepted_by_both_receivers()
    {
        const string name = "rotating";
        await receivers.Dotnet.ConfigureAsync(name, [WebhookReceivers.PartnerSecret, WebhookReceivers.RotatedSecret]);
        var old = SignedDelivery.Sign(Body, WebhookReceivers.PartnerSecret);
        var rotated = SignedDelivery.Sign(Body, WebhookReceivers.RotatedSecret);

        foreach (var delivery in new[] { old, rotated })
        {
            Assert.Equal(HttpStatusCode.NoContent, await receivers.PostAsync(receivers.Dotnet.UrlOf(name), delivery));
            Assert.Equal(HttpStatusCode.NoContent, await receivers.PostAsync(receivers.Node.Url, delivery));
            Assert.True(Assert.Single(await receivers.NodeReceiptsOfAsync(delivery)).Verified);
        }

        Assert.Equal([old.Id, rotated.Id], (await receivers.Dotnet.ReceivedAsync(name)).Delivered);
    }

    [Fact]
    public async Task A_signature_header_with_several_signatures_is_accepted_by_both_receivers_when_any_one_matches()
    {
        const string name = "several";
        await receivers.Dotnet.ConfigureAsync(name, [WebhookReceivers.PartnerSecret]);
        // The matching signature second: the .NET library alone only ever looks at the first.
        var delivery = SignedDelivery.Sign(Body, WebhookReceivers.StrangerSecret, WebhookReceivers.PartnerSecret);
        Assert.Equal(2, delivery.Signature.Split(' ').Length);

        Assert.Equal(HttpStatusCode.NoContent, await receivers.PostAsync(receivers.Dotnet.UrlOf(name), delivery));
        Assert.Equal(HttpStatusCode.NoContent, await receivers.PostAsync(receivers.Node.Url, delivery));

        Assert.Equal([delivery.Id], (await receivers.Dotnet.ReceivedAsync(name)).Delivered);
        Assert.True(Assert.Single(await receivers.NodeReceiptsOfAsync(delivery)).Verified);
    }

    [Fact]
    public async Task An_endpoint_told_to_fail_twice_answers_the_first_two_verified_attempts_500_and_the_third_204()
    {
        const string name = "failing";
        await receivers.Dotnet.ConfigureAsync(name, [WebhookReceivers.PartnerSecret], failTimes: 2, failStatus: 500);
        var delivery = SignedDelivery.Sign(Body, WebhookReceivers.PartnerSecret);
        var forged = SignedDelivery.Sign(Body, WebhookReceivers.StrangerSecret);
        var url = receivers.Dotnet.UrlOf(name);

        // A forgery is refused without using up one of the scripted failures.
        Assert.Equal(HttpStatusCode.Unauthorized, await receivers.PostAsync(url, forged));
        Assert.Equal(HttpStatusCode.InternalServerError, await receivers.PostAsync(url, delivery));
        Assert.Equal(HttpStatusCode.InternalServerError, await receivers.PostAsync(url, delivery));
        Assert.Equal(HttpStatusCode.NoContent, await receivers.PostAsync(url, delivery));

        var received = await receivers.Dotnet.ReceivedAsync(name);
        Assert.Equal([401, 500, 500, 204], received.Attempts.Select(attempt => attempt.Status));
        Assert.Equal([false, true, true, true], received.Attempts.Select(attempt => attempt.Verified));
        Assert.Equal([delivery.Id], received.Delivered);
        Assert.Equal(0, received.Duplicates);
    }

    [Fact]
    public async Task An_endpoint_told_to_hang_answers_nothing_until_the_client_gives_up_and_then_204()
    {
        const string name = "hanging";
        await receivers.Dotnet.ConfigureAsync(name, [WebhookReceivers.PartnerSecret], hangTimes: 1);
        var delivery = SignedDelivery.Sign(Body, WebhookReceivers.PartnerSecret);
        var url = receivers.Dotnet.UrlOf(name);

        using (var patience = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken))
        {
            patience.CancelAfter(TimeSpan.FromMilliseconds(500));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => receivers.PostAsync(url, delivery, patience.Token));
        }

        Assert.Equal(HttpStatusCode.NoContent, await receivers.PostAsync(url, delivery));

        var delivered = await receivers.Dotnet.WaitForDeliveredAsync(name, 1, Bounded.Limit);
        Assert.Equal([delivery.Id], delivered.Delivered);
        // The receiver learns that the client gave up a moment after the client does.
        var received = await Bounded.PollAsync(() => receivers.Dotnet.ReceivedAsync(name), hooks => hooks.Attempts[0].Hung, Bounded.Limit, "the hung attempt");
        Assert.Equal([(true, (int?)null), (false, 204)], received.Attempts.Select(attempt => (attempt.Hung, attempt.Status)));
    }

    [Fact]
    public async Task A_repeated_id_answered_2xx_counts_as_a_duplicate_and_is_delivered_once()
    {
        const string name = "repeated";
        await receivers.Dotnet.ConfigureAsync(name, [WebhookReceivers.PartnerSecret]);
        var first = SignedDelivery.Sign(Body, WebhookReceivers.PartnerSecret);
        var second = SignedDelivery.Sign(Body, WebhookReceivers.PartnerSecret);
        var url = receivers.Dotnet.UrlOf(name);

        foreach (var delivery in new[] { first, first, second, first })
        {
            Assert.Equal(HttpStatusCode.NoContent, await receivers.PostAsync(url, delivery));
        }

        var received = await receivers.Dotnet.ReceivedAsync(name);
        Assert.Equal(4, received.Attempts.Count);
        Assert.Equal([first.Id, second.Id], received.Delivered);
        Assert.Equal(2, received.Duplicates);
    }

    private async Task AssertRefusedByBothAsync(string name, SignedDelivery delivery)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await receivers.PostAsync(receivers.Dotnet.UrlOf(name), delivery));
        Assert.Equal(HttpStatusCode.BadRequest, await receivers.PostAsync(receivers.Node.Url, delivery));

        var received = await receivers.Dotnet.ReceivedAsync(name);
        var attempt = Assert.Single(received.Attempts);
        Assert.Equal((delivery.Id, false, 401, delivery.Body), (attempt.Id, attempt.Verified, attempt.Status, attempt.Body));
        Assert.Empty(received.Delivered);
        var receipt = Assert.Single(await receivers.NodeReceiptsOfAsync(delivery));
        Assert.Equal((false, "No matching signature found", (JsonElement?)null), (receipt.Verified, receipt.Error, receipt.Body));
    }
}

/// <summary>A delivery as a Standard Webhooks sender puts it on the wire: the signature header may carry several.</summary>
public sealed record SignedDelivery(string Id, long Timestamp, string Signature, string Body)
{
    public static SignedDelivery Sign(string body, params string[] secrets)
    {
        var id = $"msg_{Guid.NewGuid():N}";
        var now = DateTimeOffset.UtcNow;
        return new SignedDelivery(id, now.ToUnixTimeSeconds(), string.Join(' ', secrets.Select(secret => new StandardWebhook(secret).Sign(id, now, body))), body);
    }
}

/// <summary>Both receivers, started once for the class; every test uses its own .NET endpoint and its own webhook-ids.</summary>
public sealed class WebhookReceivers : IAsyncLifetime
{
    public static readonly string PartnerSecret = NewSecret();
    public static readonly string RotatedSecret = NewSecret();
    public static readonly string StrangerSecret = NewSecret();

    private readonly HttpClient _http = new();

    public WebhookReceiverProcess Dotnet { get; private set; } = null!;

    /// <summary>Holds the partner's secret and the one it rotates to: a partner mid-rotation.</summary>
    public StandardWebhooksNodeReceiver Node { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var dotnet = WebhookReceiverProcess.StartAsync();
        var node = StandardWebhooksNodeReceiver.StartAsync([PartnerSecret, RotatedSecret]);
        try
        {
            await Task.WhenAll(dotnet, node);
        }
        catch
        {
            // xUnit disposes no fixture whose initialization failed: the receiver that did start must not outlive the run.
            if (dotnet.IsCompletedSuccessfully)
            {
                await dotnet.Result.DisposeAsync();
            }

            if (node.IsCompletedSuccessfully)
            {
                await node.Result.DisposeAsync();
            }

            _http.Dispose();
            throw;
        }

        (Dotnet, Node) = (dotnet.Result, node.Result);
    }

    public Task<HttpStatusCode> PostAsync(Uri url, SignedDelivery delivery) => PostAsync(url, delivery, TestContext.Current.CancellationToken);

    public async Task<HttpStatusCode> PostAsync(Uri url, SignedDelivery delivery, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", delivery.Id);
        request.Headers.Add("webhook-timestamp", delivery.Timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", delivery.Signature);
        using var response = await _http.SendAsync(request, cancellation).Within();
        return response.StatusCode;
    }

    /// <summary>The node receiver's receipts of one delivery: it prints each before answering, so they are there or on their way.</summary>
    public async Task<IReadOnlyList<NodeReceipt>> NodeReceiptsOfAsync(SignedDelivery delivery)
    {
        await Bounded.PollAsync(() => Task.FromResult(Node.Receipts), receipts => receipts.Any(receipt => receipt.Id == delivery.Id), Bounded.Limit, $"a receipt of {delivery.Id}");
        return [.. Node.Receipts.Where(receipt => receipt.Id == delivery.Id)];
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Dotnet.DisposeAsync();
        await Node.DisposeAsync();
    }

    private static string NewSecret() => $"whsec_{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}";
}
