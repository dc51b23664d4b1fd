using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Application.Webhooks;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Webhooks;

/// <summary>
/// The API in-process on its own database with a movable clock, and the .NET receiver process on loopback. The relay
/// and the dispatcher are off: a test publishes (<see cref="WalletCoreHost.CatchUpAsync"/>) and sends
/// (<see cref="DispatchAsync"/>) itself and moves the clock past each retry wait, so nothing sleeps.
/// </summary>
internal sealed class WebhookHost : IAsyncDisposable
{
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);

    private WebhookHost(WalletCoreHost api, AdjustableClock clock, WebhookReceiverProcess receiver)
    {
        Api = api;
        Clock = clock;
        Receiver = receiver;
    }

    public WalletCoreHost Api { get; }

    public AdjustableClock Clock { get; }

    public WebhookReceiverProcess Receiver { get; }

    public static async Task<WebhookHost> StartAsync(PostgresFixture postgres, string owner, IReadOnlyDictionary<string, string>? settings = null)
    {
        var clock = new AdjustableClock();
        var all = new Dictionary<string, string> { ["Webhooks:AttemptTimeout"] = AttemptTimeout.ToString("c", CultureInfo.InvariantCulture) };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        var receiver = await WebhookReceiverProcess.StartAsync();
        try
        {
            var api = await WalletCoreHost.StartAsync(postgres, owner, all, services => services.AddSingleton<TimeProvider>(clock));
            return new WebhookHost(api, clock, receiver);
        }
        catch
        {
            await receiver.DisposeAsync();
            throw;
        }
    }

    /// <summary>A second API on the same database and clock, as a second silo would be.</summary>
    public Task<WalletCoreHost> StartBesideAsync() => Api.StartBesideAsync(services => services.AddSingleton<TimeProvider>(Clock));

    /// <summary>Registers an endpoint; its id and the secret answered once.</summary>
    public async Task<(string Id, string Secret)> CreateEndpointAsync(string merchant, Uri url, string? eventTypes = null)
    {
        var created = await Api.PostAsync("/v1/webhook-endpoints", new { merchantId = merchant, url = url.ToString(), eventTypes });
        Assert.True(created.Status == HttpStatusCode.Created, created.Body.ToString());
        return (created.Data.GetProperty("endpointId").GetString()!, created.Data.GetProperty("secret").GetString()!);
    }

    /// <summary>A receiver endpoint named <paramref name="name"/>, registered for <paramref name="merchant"/> and verifying with its secret.</summary>
    public async Task<string> ReceiverEndpointAsync(string merchant, string name, string? eventTypes = null, int failTimes = 0, int hangTimes = 0)
    {
        var (endpoint, secret) = await CreateEndpointAsync(merchant, Receiver.UrlOf(name), eventTypes);
        await Receiver.ConfigureAsync(name, [secret], failTimes: failTimes, hangTimes: hangTimes);
        return endpoint;
    }

    /// <summary>Sends what is due now, from this API or another.</summary>
    public Task<int> DispatchAsync(WalletCoreHost? api = null) =>
        (api ?? Api).Factory.Services.GetRequiredService<WebhookDispatcher>().DispatchDueAsync(TestContext.Current.CancellationToken);

    public async Task<JsonElement[]> DeliveriesAsync(string endpointId, string? status = null)
    {
        var query = $"/v1/webhook-deliveries?endpointId={endpointId}&limit=100" + (status is null ? string.Empty : $"&status={status}");
        var page = await Api.GetAsync(query);
        Assert.True(page.Status == HttpStatusCode.OK, page.Body.ToString());
        return [.. page.Body.GetProperty("items").EnumerateArray()];
    }

    public async Task<JsonElement> SingleDeliveryAsync(string endpointId) => Assert.Single(await DeliveriesAsync(endpointId));

    /// <summary>A delivery with its attempts (<c>history</c>).</summary>
    public async Task<JsonElement> DeliveryAsync(string deliveryId)
    {
        var detail = await Api.GetAsync($"/v1/webhook-deliveries/{deliveryId}");
        Assert.True(detail.Status == HttpStatusCode.OK, detail.Body.ToString());
        return detail.Body;
    }

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
