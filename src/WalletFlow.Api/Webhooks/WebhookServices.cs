using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using WalletFlow.Application.Webhooks;

namespace WalletFlow.Api.Webhooks;

/// <summary>
/// Partner webhooks: the options (section <c>Webhooks</c>), the endpoint checks, the reads, the dispatcher and its
/// HTTP client, and the worker (on by <c>Webhooks__DispatchEnabled</c>). The client connects only to addresses
/// <see cref="WebhookTargets.Admits"/>, checked on the address actually dialled, after DNS, so a name that now
/// resolves inside the network is refused at connection time too.
/// </summary>
public static class WebhookServices
{
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<WebhookOptions>().Bind(builder.Configuration.GetSection(WebhookOptions.Section));
        builder.Services.AddSingleton(provider => provider.GetRequiredService<IOptions<WebhookOptions>>().Value);
        builder.Services.AddSingleton<WebhookTargets>();
        builder.Services.AddSingleton<WebhookQueries>();
        builder.Services.AddSingleton<WebhookDispatcher>();
        builder.Services.AddSingleton<WebhookMetrics>();
        builder.Services.AddSingleton<IWebhookSender, HttpWebhookSender>();
#pragma warning disable EXTEXP0001
        // A delivery is retried on the webhook schedule, with each attempt recorded; a resilience handler retrying
        // inside one attempt would hide attempts and stretch the timeout.
        builder.Services.AddHttpClient(HttpWebhookSender.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllResilienceHandlers()
#pragma warning restore EXTEXP0001
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                UseProxy = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(1),
                ConnectCallback = ConnectOnlyTo(provider.GetRequiredService<WebhookTargets>()),
            });
        if (builder.Configuration.GetValue(WebhookOptions.Section + ":" + nameof(WebhookOptions.DispatchEnabled), defaultValue: true))
        {
            builder.Services.AddHostedService<WebhookDispatchWorker>();
        }

        return builder;
    }

    private static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectOnlyTo(WebhookTargets targets) => async (context, cancellationToken) =>
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var refused = addresses.FirstOrDefault(address => !targets.Admits(address));
        if (addresses.Length == 0 || refused is not null)
        {
            throw new HttpRequestException($"The host {host} resolves to {refused?.ToString() ?? "no address"}, which webhooks may not be sent to.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    };
}
