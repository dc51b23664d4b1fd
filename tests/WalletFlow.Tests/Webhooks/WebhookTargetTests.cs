using System.Net;
using WalletFlow.Application.Webhooks;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Webhooks;

/// <summary>
/// SSRF: with private targets not allowed (production), an endpoint must be https to a host that resolves only to
/// public addresses. Refused when saved, with its own code and nothing stored; and refused again when connecting,
/// for a name that resolved to a public address when it was saved and resolves inside the network now.
/// </summary>
public sealed class WebhookTargetTests(PostgresFixture postgres) : IAsyncLifetime
{
    private WebhookHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await WebhookHost.StartAsync(
        postgres, nameof(WebhookTargetTests), new Dictionary<string, string> { ["Webhooks:AllowPrivateTargets"] = "false" });

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("http://hooks.example.com/walletflow", "Webhooks are only sent over https; http:// would carry payment events in clear text.")]
    [InlineData("https://127.0.0.1/hooks", "The host 127.0.0.1 resolves to 127.0.0.1, a loopback, private or link-local address: WalletFlow only calls public addresses.")]
    [InlineData("https://localhost:8443/hooks", null)]
    [InlineData("https://10.20.30.40/hooks", "The host 10.20.30.40 resolves to 10.20.30.40, a loopback, private or link-local address: WalletFlow only calls public addresses.")]
    [InlineData("https://169.254.169.254/latest/meta-data", "The host 169.254.169.254 resolves to 169.254.169.254, a loopback, private or link-local address: WalletFlow only calls public addresses.")]
    [InlineData("https://[::1]/hooks", null)]
    [InlineData("https://[fd00::1]/hooks", null)]
    [InlineData("https://192.168.1.10/hooks", null)]
    public async Task An_endpoint_that_is_not_https_to_a_public_address_is_refused_and_nothing_is_stored(string url, string? sentence)
    {
        var merchant = _host.Api.NewSlug("ssrf");

        var refused = await _host.Api.PostAsync("/v1/webhook-endpoints", new { merchantId = merchant, url });

        refused.AssertRejected(HttpStatusCode.UnprocessableEntity, "WEBHOOK_TARGET_REFUSED");
        Assert.Equal("url", refused.Field);
        if (sentence is not null)
        {
            Assert.Equal(sentence, refused.Body.GetProperty("detail").GetString());
        }

        Assert.Equal(0, await _host.Api.ScalarAsync<long>("select count(*) from core.webhook_endpoints"));
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://files.example.com/hooks")]
    [InlineData("https://user:secret@hooks.example.com/")]
    [InlineData("https://hooks.example.com/#fragment")]
    public async Task A_malformed_endpoint_url_is_a_validation_error(string url)
    {
        var refused = await _host.Api.PostAsync("/v1/webhook-endpoints", new { merchantId = _host.Api.NewSlug("bad-url"), url });

        refused.AssertRejected(HttpStatusCode.BadRequest, "VALIDATION");
        Assert.Equal("url", refused.Field);
    }

    [Fact]
    public async Task An_unknown_event_type_is_refused_with_the_field_named()
    {
        var refused = await _host.Api.PostAsync(
            "/v1/webhook-endpoints", new { merchantId = _host.Api.NewSlug("types"), url = "https://8.8.8.8/hooks", eventTypes = "transfer.completed, moneyPrinted.completed" });

        refused.AssertRejected(HttpStatusCode.BadRequest, "VALIDATION");
        Assert.Equal("eventTypes", refused.Field);
        Assert.StartsWith("'moneyPrinted.completed' is not an event type", refused.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stored_endpoint_that_now_resolves_to_loopback_is_refused_at_connection_and_the_receiver_hears_nothing()
    {
        var merchant = _host.Api.NewSlug("rebound");
        const string endpoint = "whe_0195f3a2c4d47a5b9f6c7d8e9fa0b126";
        // As if the name had resolved to a public address when it was saved: the row goes in beside the command.
        await _host.Api.ScalarAsync<int>(
            $"""
            insert into core.webhook_endpoints (id, merchant_id, url, event_types, secret, created_at, updated_at)
            values ('{endpoint}', '{merchant}', '{_host.Receiver.UrlOf("rebound")}', array[]::text[], '{WebhookSecret.New()}', now(), now())
            returning 1
            """);
        await _host.Receiver.ConfigureAsync("rebound", [WebhookSecret.New()]);
        await _host.Api.CreateWalletAsync(merchant: merchant);
        await _host.Api.CatchUpAsync();

        Assert.Equal(1, await _host.DispatchAsync());

        var delivery = await _host.SingleDeliveryAsync(endpoint);
        Assert.Equal("pending", delivery.GetProperty("status").GetString());
        Assert.Contains("127.0.0.1, which webhooks may not be sent to", delivery.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Empty((await _host.Receiver.ReceivedAsync("rebound")).Attempts);
    }
}
