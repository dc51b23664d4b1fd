using Grpc.Health.V1;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using WalletFlow.Api.Grpc.Commands;
using WalletFlow.Api.Grpc.Health;
using WalletFlow.Api.Grpc.Ledger;
using WalletFlow.Api.Grpc.Wallets;

namespace WalletFlow.Api.Grpc;

/// <summary>
/// Wires the gRPC front: a second Kestrel endpoint at <c>WALLETFLOW_GRPC_URL</c>, HTTP/2 only and cleartext (HTTP/2
/// without TLS cannot share a port with HTTP/1.1), whose requests all go to the gRPC dispatcher; the REST endpoint
/// keeps the addresses it had.
/// </summary>
public static class GrpcFront
{
    public const string UrlVariable = "WALLETFLOW_GRPC_URL";
    public const string DefaultUrl = "http://localhost:5081";

    /// <summary>Where ASP.NET Core's own default puts the REST endpoint when no URL is configured.</summary>
    private const string DefaultRestUrl = "http://localhost:5000";

    public static WebApplicationBuilder AddGrpcFront(this WebApplicationBuilder builder)
    {
        var endpoint = new GrpcEndpoint(BindingAddress.Parse(builder.Configuration[UrlVariable] is { Length: > 0 } url ? url : DefaultUrl));
        builder.Services.AddSingleton(endpoint);
        builder.Services.AddSingleton<GrpcMethodTable>();
        builder.Services.AddSingleton<GrpcCallDispatcher>();
        builder.Services.AddSingleton<IGrpcService, HealthService>();
        builder.Services.AddSingleton<IGrpcService, LedgerReadsService>();
        builder.Services.AddSingleton<IGrpcService, CommandsGrpcService>();
        builder.Services.AddSingleton<IGrpcService, WalletReadsGrpcService>();
        builder.Services.AddSingleton(new GrpcServiceNames(new HashSet<string>(
            [
                HealthService.Descriptor.FullName,
                LedgerReadsService.Descriptor.FullName,
                WalletReadsGrpcService.Descriptor.FullName,
                .. CommandGrpcMethods.Services.Select(service => service.FullName),
            ],
            StringComparer.Ordinal)));

        // Both endpoints are hosting URLs: an endpoint configured in code would make Kestrel ignore ASPNETCORE_URLS,
        // and the test host's preferred URLs would in turn drop an endpoint configured in code.
        builder.WebHost.UseUrls([.. RestUrls(builder.Configuration), endpoint.Url.ToString()]);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listener =>
        {
            if (listener.IPEndPoint?.Port == endpoint.Url.Port)
            {
                listener.Protocols = HttpProtocols.Http2;
            }
        }));
        return builder;
    }

    public static WebApplication MapGrpcFront(this WebApplication app)
    {
        var endpoint = app.Services.GetRequiredService<GrpcEndpoint>();
        var dispatcher = app.Services.GetRequiredService<GrpcCallDispatcher>();
        app.MapWhen(endpoint.Serves, grpc => grpc.Run(dispatcher.HandleAsync));
        return app;
    }

    /// <summary>The REST addresses as ASP.NET Core would have chosen them: <c>urls</c>, else <c>http_ports</c>/<c>https_ports</c>, else its default.</summary>
    private static IReadOnlyList<string> RestUrls(IConfiguration configuration)
    {
        if (configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } urls)
        {
            return Split(urls);
        }

        List<string> ports =
        [
            .. Split(configuration[WebHostDefaults.HttpPortsKey]).Select(port => $"http://*:{port}"),
            .. Split(configuration[WebHostDefaults.HttpsPortsKey]).Select(port => $"https://*:{port}"),
        ];
        return ports.Count > 0 ? ports : [DefaultRestUrl];
    }

    private static string[] Split(string? list) => (list ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
