using Orleans.Dashboard;
using WalletFlow.Access;
using WalletFlow.Console;

namespace WalletFlow.Api.Cluster;

/// <summary>
/// The Orleans dashboard (<c>Microsoft.Orleans.Dashboard</c>) for admins: silos, grain activations, call rates and
/// latencies, the live log. It is served by the API's own pipeline under the console's path, so it has no port of its
/// own and the console's session, sign-in redirect and denied page guard it like any console page (docs/grains.md,
/// "Dashboard").
/// </summary>
public static class OrleansDashboard
{
    public static ISiloBuilder AddOpsOrleansDashboard(this ISiloBuilder silo, IConfiguration configuration) =>
        OrleansDashboardSetting.IsOn(configuration) ? silo.AddDashboard() : silo;

    /// <summary>
    /// Admins only, on every route of the group: the page and its assets, its JSON reads, and the log stream, which
    /// carries the whole process's log.
    /// </summary>
    public static WebApplication MapOpsOrleansDashboard(this WebApplication app)
    {
        if (OrleansDashboardSetting.IsOn(app.Configuration))
        {
            app.MapOrleansDashboard(OpsPaths.OrleansDashboard).RequireAuthorization(AccessPolicies.ConsoleAdmin);
        }

        return app;
    }
}
