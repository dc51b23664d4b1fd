using Aspire.Hosting.ApplicationModel;
using WalletFlow.AppHost.Resources;

namespace WalletFlow.AppHost;

/// <summary>The two ways the AppHost provides Postgres and Redis, and the wiring of the API's endpoints and settings.</summary>
internal static class WalletFlowResources
{
    /// <summary>Formance's ledger image, for the container mode (WALLETFLOW_CONTAINERS=true).</summary>
    private const string FormanceImage = "ghcr.io/formancehq/ledger";
    private const string FormanceTag = "v2.2.13";

    public static (IResourceBuilder<IResource> Postgres, IResourceBuilder<IResourceWithConnectionString> Database, IResourceBuilder<IResourceWithConnectionString> Redis)
        AddExecutableResources(this IDistributedApplicationBuilder builder, AppHostSettings settings)
    {
        var postgres = builder.AddPostgresExecutable("postgres", settings.DataDirectory, settings.PostgresPort);
        var redis = builder.AddRedisExecutable("redis", settings.DataDirectory);
        return (postgres.AsResource(), postgres.AsConnectionString(), redis.AsConnectionString());
    }

    /// <summary>Aspire's own Postgres and Redis containers, for a machine with a healthy container engine.</summary>
    public static (IResourceBuilder<IResource> Postgres, IResourceBuilder<IResourceWithConnectionString> Database, IResourceBuilder<IResourceWithConnectionString> Redis)
        AddContainerResources(this IDistributedApplicationBuilder builder)
    {
        var server = builder.AddPostgres("postgres").WithDataVolume();
        var database = server.AddDatabase(PostgresExecutableResource.DatabaseName);
        var redis = builder.AddRedis("redis");
        return (server.AsResource(), database.AsConnectionString(), redis.AsConnectionString());
    }

    /// <summary>
    /// The API's REST endpoint and its gRPC endpoint (a port of its own, HTTP/2), both behind Aspire's proxy on the
    /// ports of WALLETFLOW_API_URL and WALLETFLOW_GRPC_URL, so the addresses stay put across restarts and replicas.
    /// Each replica listens on ports of its own that the proxy spreads connections over.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithWalletFlowEndpoints(this IResourceBuilder<ProjectResource> api, AppHostSettings settings)
    {
        api.WithHttpEndpoint(port: settings.ApiUrl.Port, name: "http")
            .WithEndpoint("grpc", endpoint =>
            {
                endpoint.Port = settings.GrpcUrl.Port;
                endpoint.UriScheme = settings.GrpcUrl.Scheme;
                endpoint.Transport = "http2";
            })
            // The gRPC endpoint is configured by the API from WALLETFLOW_GRPC_URL, not from ASPNETCORE_URLS.
            .WithEndpointsInEnvironment(endpoint => endpoint.Name != "grpc");

        var grpc = api.GetEndpoint("grpc");
        api.WithEnvironment(context =>
        {
            context.EnvironmentVariables["WALLETFLOW_GRPC_URL"] = ReferenceExpression.Create($"{settings.GrpcUrl.Scheme}://localhost:{grpc.Property(EndpointProperty.TargetPort)}");
            context.EnvironmentVariables["ASPNETCORE_ENVIRONMENT"] = settings.Environment;
        });
        foreach (var (name, value) in settings.ApiSettings)
        {
            api.WithEnvironment(name, value);
        }

        foreach (var (name, value) in settings.ApiSecrets)
        {
            var parameter = api.ApplicationBuilder.AddParameter(name.ToLowerInvariant().Replace('_', '-'), value, secret: true);
            api.WithEnvironment(name, parameter);
        }

        if (settings.ApiReplicas > 1)
        {
            api.WithReplicas(settings.ApiReplicas);
        }

        return api
            .WithHttpHealthCheck("/health", endpointName: "http")
            .WithUrlForEndpoint("http", url => url.DisplayText = "REST /v1")
            .WithUrlForEndpoint("grpc", url => url.DisplayText = "gRPC")
            .WithUrl(ReferenceExpression.Create($"{api.GetEndpoint("http")}/ops"), "console /ops");
    }

    /// <summary>A Formance ledger container on its own database of the Postgres container; the API posts to it instead of the embedded ledger.</summary>
    public static IResourceBuilder<ProjectResource> WithFormanceLedger(this IResourceBuilder<ProjectResource> api, IResourceBuilder<IResource> postgres)
    {
        var server = (IResourceBuilder<PostgresServerResource>)postgres;
        var database = server.AddDatabase("formance");
        var formance = api.ApplicationBuilder.AddContainer("formance", FormanceImage, FormanceTag)
            .WithHttpEndpoint(targetPort: 3068, name: "http")
            .WithEnvironment("POSTGRES_URI", ReferenceExpression.Create($"{database.Resource.UriExpression}?sslmode=disable"))
            .WithHttpHealthCheck("/_healthcheck")
            .WaitFor(database);
        return api
            .WithEnvironment("WALLETFLOW_LEDGER_URL", formance.GetEndpoint("http"))
            .WaitFor(formance);
    }

    private static IResourceBuilder<IResource> AsResource<T>(this IResourceBuilder<T> builder)
        where T : IResource => (IResourceBuilder<IResource>)builder;

    private static IResourceBuilder<IResourceWithConnectionString> AsConnectionString<T>(this IResourceBuilder<T> builder)
        where T : IResourceWithConnectionString => (IResourceBuilder<IResourceWithConnectionString>)builder;
}
