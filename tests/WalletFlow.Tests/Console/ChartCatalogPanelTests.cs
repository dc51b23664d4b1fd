using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.FluentUI.AspNetCore.Components;
using WalletFlow.Access;
using WalletFlow.Console.Components.Shared;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Console;

/// <summary>The Ledger page's loaded-catalog panel in a live circuit (bunit) on the API's real services: a rebuild runs only from its confirmation dialog, says what it did, and the audit and drift follow.</summary>
public sealed class ChartCatalogPanelTests(PostgresFixture postgres) : IAsyncLifetime
{
    private ApiFactory _api = null!;
    private BunitContext _bunit = null!;
    private BunitAuthorizationContext _session = null!;

    public async ValueTask InitializeAsync()
    {
        _api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(ChartCatalogPanelTests));
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        _bunit = new BunitContext();
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        _bunit.Services.AddFluentUIComponents();
        _bunit.Services.AddFallbackServiceProvider(_api.Services);
        _session = _bunit.AddAuthorization();
        _session.SetAuthorized("ada@example.com");
        _bunit.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public async ValueTask DisposeAsync()
    {
        await _bunit.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task A_confirmed_rebuild_stores_the_chart_once_and_a_second_one_says_nothing_changed()
    {
        _session.SetRoles(AccessRoles.Admin);
        var toasts = _bunit.Render<FluentProviders>();
        var panel = _bunit.Render<ChartCatalogPanel>();
        panel.WaitForElement("[data-testid=drift-summary]");

        await panel.Find("[data-testid=rebuild-coa]").ClickAsync(new MouseEventArgs());
        Assert.Empty(panel.FindAll("tr.catalog-change-row"));
        await panel.Find("[data-testid=confirm-rebuild]").ClickAsync(new MouseEventArgs());
        toasts.WaitForAssertion(() => Assert.Contains("Rebuild chart: changed", toasts.Find("[data-testid=result-toast]").TextContent, StringComparison.Ordinal));
        await panel.Find("[data-testid=rebuild-coa]").ClickAsync(new MouseEventArgs());
        await panel.Find("[data-testid=confirm-rebuild]").ClickAsync(new MouseEventArgs());

        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll("tr.catalog-change-row").Count));
        Assert.Equal(["unchanged", "changed"], panel.FindAll("tr.catalog-change-row td:nth-child(4)").Select(cell => cell.TextContent.Trim()));
        Assert.All(panel.FindAll("tr.catalog-change-row td:nth-child(3)"), cell => Assert.Equal("ada@example.com", cell.TextContent));
        Assert.Contains("18 missing · 0 extra · 0 changed", panel.Find("[data-testid=drift-summary]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void An_operator_sees_the_drift_but_no_rebuild_or_upload()
    {
        _session.SetRoles(AccessRoles.Operator);
        _bunit.Render<FluentProviders>();

        var panel = _bunit.Render<ChartCatalogPanel>();

        panel.WaitForElement("[data-testid=drift-summary]");
        Assert.Empty(panel.FindAll("[data-testid=rebuild-coa], [data-testid=rebuild-templates], [data-testid=chart-upload]"));
    }
}
