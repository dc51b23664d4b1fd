using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WalletFlow.AppHost;

/// <summary>
/// The Aspire dashboard over plain http on loopback (these machines have no trusted developer certificate), at
/// WALLETFLOW_DASHBOARD_URL (default 18888) with its OTLP receiver and resource service on the next two ports; and,
/// once the API is healthy, one block that says where everything is.
/// </summary>
internal static class Dashboard
{
    public static IDistributedApplicationBuilder UseWalletFlowDashboard(this IDistributedApplicationBuilder builder, AppHostSettings settings)
    {
        var dashboard = settings.DashboardUrl;
        string Next(int offset) => new UriBuilder(dashboard) { Port = dashboard.Port + offset, Path = "" }.Uri.ToString().TrimEnd('/');
        var defaults = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = dashboard.ToString().TrimEnd('/'),
            ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = Next(1),
            ["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = Next(2),
            ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
        };
        // A setting given explicitly (a launch profile, the test builder) wins over these defaults.
        builder.Configuration.AddInMemoryCollection(defaults.Where(setting => string.IsNullOrEmpty(builder.Configuration[setting.Key])));
        return builder;
    }

    /// <summary>Prints, once the API answers its health check, the addresses a developer needs, the dashboard's login link first.</summary>
    public static IResourceBuilder<ProjectResource> PrintWhereEverythingIs(this IResourceBuilder<ProjectResource> api, AppHostSettings settings)
    {
        var printed = 0;
        return api.OnResourceReady(async (resource, ready, cancellationToken) =>
        {
            if (Interlocked.Exchange(ref printed, 1) == 1)
            {
                return;
            }

            var configuration = ready.Services.GetRequiredService<IConfiguration>();
            var logger = ready.Services.GetRequiredService<ILoggerFactory>().CreateLogger("WalletFlow");
            var token = configuration["AppHost:BrowserToken"];
            var rest = (await resource.GetEndpoint("http").GetValueAsync(cancellationToken))!;
            var grpc = (await resource.GetEndpoint("grpc").GetValueAsync(cancellationToken))!;
            var dashboard = settings.DashboardUrl.ToString().TrimEnd('/');
            logger.LogInformation(
                """
                WalletFlow is running. Ctrl+C stops everything.
                  dashboard  {Dashboard}
                  REST API   {Rest}/v1   (health {Rest}/health)
                  console    {Rest}/ops
                  gRPC       {Grpc}   (HTTP/2)
                  data       {Data}
                """,
                token is null ? dashboard : $"{dashboard}/login?t={token}", rest, rest, rest, grpc, settings.DataDirectory);
        });
    }
}
