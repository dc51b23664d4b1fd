using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WalletFlow.Access;
using WalletFlow.Api.Grpc.Commands;
using WalletFlow.Api.Grpc.Ledger;
using WalletFlow.Api.Grpc.Wallets;

namespace WalletFlow.Api.Grpc;

/// <summary>
/// Wires the gRPC front on Grpc.AspNetCore: a second Kestrel endpoint at <c>WALLETFLOW_GRPC_URL</c>, HTTP/2 only
/// (cleartext HTTP/2 cannot share a port with HTTP/1.1), where the generated services answer; health
/// (<c>grpc.health.v1.Health</c>, from the host's health checks) and server reflection. Every service is an endpoint
/// under ASP.NET Core's authorization: a command method requires the roles its registry entry admits, as its REST route
/// does; the reads require an operator; only health and reflection are public.
/// </summary>
public static class GrpcFront
{
    public const string UrlVariable = "WALLETFLOW_GRPC_URL";
    public const string DefaultUrl = "http://localhost:5081";

    /// <summary>Where ASP.NET Core's own default puts the REST endpoint when no URL is configured.</summary>
    private const string DefaultRestUrl = "http://localhost:5000";

    public static WebApplicationBuilder AddGrpcFront(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var endpoint = new GrpcEndpoint(BindingAddress.Parse(builder.Configuration[UrlVariable] is { Length: > 0 } url ? url : DefaultUrl));
        builder.Services.AddSingleton(endpoint);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, GrpcPortPolicy>());
        builder.Services.AddSingleton<CommandCalls>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, GrpcRefusals>();
        builder.Services.AddGrpc(options =>
        {
            // A call to a service nobody serves finds no endpoint and ends as UNIMPLEMENTED (HTTP 404), rather than
            // meeting a catch-all endpoint that declares no access rule.
            options.IgnoreUnknownServices = true;
            // Outermost first: the outcome (logging, deadlines, a lost database) wraps everything else.
            options.Interceptors.Add<CallOutcomeInterceptor>();
            options.Interceptors.Add<ExpiredDeadlineInterceptor>();
            options.Interceptors.Add<IdempotencyKeyInterceptor>();
        });
        // NOT_SERVING whenever a registered check fails (the database above all), for the server and each service.
        builder.Services.AddGrpcHealthChecks(options =>
        {
            foreach (var service in ServiceNames)
            {
                options.Services.Map(service, _ => true);
            }
        });
        builder.Services.AddGrpcReflection();

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

    /// <summary>Maps the services, each answering on the gRPC port only.</summary>
    public static WebApplication MapGrpcFront(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        MapCommands<WalletsCommandsService>(app);
        MapCommands<FxCommandsService>(app);
        MapCommands<TreasuryCommandsService>(app);
        MapCommands<PayoutsCommandsService>(app);
        MapCommands<ControlsCommandsService>(app);
        MapCommands<ReservesCommandsService>(app);
        MapCommands<CorrectionsCommandsService>(app);
        MapCommands<ReconciliationCommandsService>(app);
        MapCommands<WebhooksCommandsService>(app);
        // Per method: the wallet reads admit partner keys too (the service holds each to its merchant), the rest operators.
        app.MapGrpcService<WalletReadsGrpcService>().WithMetadata(GrpcPortOnly.Instance).Add(endpoint =>
            endpoint.Metadata.Add(endpoint.Metadata.OfType<GrpcMethodMetadata>().LastOrDefault()?.Method.Name is { } name && WalletReadsGrpcService.PartnerMethods.Contains(name)
                ? AccessPolicies.ApiRoles(AccessRoles.Admin, AccessRoles.Operator, AccessRoles.Partner)
                : AccessPolicies.ApiRoles(AccessRoles.Admin, AccessRoles.Operator)));
        app.MapGrpcService<LedgerReadsService>().WithMetadata(GrpcPortOnly.Instance).RequireAuthorization(AccessPolicies.ApiOperator);
        app.MapGrpcHealthChecksService().WithMetadata(GrpcPortOnly.Instance).AllowAnonymous();
        app.MapGrpcReflectionService().WithMetadata(GrpcPortOnly.Instance).AllowAnonymous();
        return app;
    }

    /// <summary>The full names of the services WalletFlow itself serves (health answers for each).</summary>
    public static IEnumerable<string> ServiceNames =>
    [
        .. CommandGrpcMethods.Services.Select(service => service.FullName),
        WalletCore.Contracts.WalletReadsReflection.Descriptor.Services.Single().FullName,
        Contracts.LedgerReadsReflection.Descriptor.Services.Single().FullName,
    ];

    /// <summary>
    /// A command service, each of whose methods requires the roles its registry entry admits (the REST route's rule):
    /// read from the registry per endpoint, so no method can be left without one.
    /// </summary>
    private static void MapCommands<TService>(WebApplication app)
        where TService : class =>
        app.MapGrpcService<TService>().WithMetadata(GrpcPortOnly.Instance).Add(endpoint =>
        {
            // Grpc.AspNetCore also maps a catch-all for the service's unknown methods, which has no method metadata.
            var method = endpoint.Metadata.OfType<GrpcMethodMetadata>().LastOrDefault()?.Method;
            var command = method is null ? null : CommandGrpcMethods.CommandAt($"/{method.ServiceName}/{method.Name}");
            // A path with no registry command (an unknown method, a contract leftover) admits nobody.
            endpoint.Metadata.Add(command is null
                ? new AuthorizationPolicyBuilder(AccessSchemes.Bearer).RequireAssertion(_ => false).Build()
                : AccessPolicies.ApiRoles(AccessRoles.Of(command.AllowedRoles)));
        });

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
