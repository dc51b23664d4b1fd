using System.Security.Claims;
using Microsoft.Extensions.Configuration;
using Microsoft.FluentUI.AspNetCore.Components;
using WalletFlow.Access;
using Regular = Microsoft.FluentUI.AspNetCore.Components.Icons.Regular.Size20;

namespace WalletFlow.Console.Components.Layout;

/// <summary>One entry of the console's map, in the order of the rail.</summary>
public sealed record NavigationEntry(string Href, string Label, Icon Icon, bool AdminOnly, params string[] AlsoCovers)
{
    /// <summary>Whether a page at <paramref name="path"/> belongs to this entry, so the rail can show where the operator is.</summary>
    public bool Covers(string path) =>
        Href == OpsPaths.Root
            ? path.TrimEnd('/') == OpsPaths.Root
            : new[] { Href }.Concat(AlsoCovers).Any(prefix => path == prefix || path.StartsWith(prefix + "/", StringComparison.Ordinal));

    /// <summary>
    /// Left out of an operator's rail altogether, rather than tagged "admin" and answered by the denied page: for an entry
    /// that leaves the console for a tool of its own (the Orleans dashboard), which has nothing to show an operator.
    /// </summary>
    public bool HiddenFromOperators { get; init; }

    /// <summary>Whether the host serves what the entry opens: a tool the host may turn off (the Orleans dashboard) is then not offered.</summary>
    public Func<IConfiguration, bool> IsServed { get; init; } = _ => true;

    public bool IsOfferedTo(ClaimsPrincipal user, IConfiguration configuration) =>
        (!HiddenFromOperators || user.IsInRole(AccessRoles.Admin)) && IsServed(configuration);

    /// <summary>
    /// The console's map (the seed's table): every entry is one of the console's pages, but the last, which opens the
    /// Orleans dashboard.
    /// </summary>
    public static IReadOnlyList<NavigationEntry> All { get; } =
    [
        new("/ops", "Overview", new Regular.Gauge(), false),
        new("/ops/wallets", "Wallets", new Regular.Wallet(), false),
        new("/ops/operations", "Operations", new Regular.ArrowSwap(), false, "/ops/wallet-transactions"),
        new("/ops/payouts", "Payouts", new Regular.MoneyHand(), false),
        new(OpsPaths.Webhooks, "Webhooks", new Regular.PlugConnected(), false),
        new("/ops/ledger", "Ledger", new Regular.BookOpen(), false, "/ops/transactions"),
        new(OpsPaths.Reconciliation, "Reconciliation", new Regular.CheckmarkCircle(), true),
        new("/ops/controls", "Controls", new Regular.Options(), true),
        new("/ops/settings", "Settings", new Regular.ShieldKeyhole(), true),
        new(OpsPaths.OrleansDashboard, "Orleans", new Regular.ServerMultiple(), true) { HiddenFromOperators = true, IsServed = OrleansDashboardSetting.IsOn },
    ];
}
