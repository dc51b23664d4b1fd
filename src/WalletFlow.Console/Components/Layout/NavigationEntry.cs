namespace WalletFlow.Console.Components.Layout;

/// <summary>One page of the console's map, in the order of the rail.</summary>
public sealed record NavigationEntry(string Href, string Label, string IconPath, bool AdminOnly, params string[] AlsoCovers)
{
    /// <summary>Whether a page at <paramref name="path"/> belongs to this entry, so the rail can show where the operator is.</summary>
    public bool Covers(string path) =>
        Href == OpsPaths.Root
            ? path.TrimEnd('/') == OpsPaths.Root
            : new[] { Href }.Concat(AlsoCovers).Any(prefix => path == prefix || path.StartsWith(prefix + "/", StringComparison.Ordinal));

    /// <summary>The console's map (the seed's table): every entry is a page, built or announcing what it arrives with.</summary>
    public static IReadOnlyList<NavigationEntry> All { get; } =
    [
        new("/ops", "Overview", "M3 13h8V3H3zm0 8h8v-6H3zm10 0h8V11h-8zm0-18v6h8V3z", false),
        new("/ops/wallets", "Wallets", "M3 6h15a3 3 0 0 1 3 3v9a3 3 0 0 1-3 3H3zm0 0V5a2 2 0 0 1 2-2h11v3M16 13.5h2", false),
        new("/ops/operations", "Operations", "M4 7h13l-3-3M20 17H7l3 3", false, "/ops/wallet-transactions"),
        new("/ops/payouts", "Payouts", "M12 3v12m0 0-4-4m4 4 4-4M4 19h16", false),
        new("/ops/ledger", "Ledger", "M5 3h11l3 3v15H5zM8 9h8M8 13h8M8 17h5", false, "/ops/transactions"),
        new("/ops/recon", "Reconciliation", "M4 12l5 5L20 6", false),
        new("/ops/controls", "Controls", "M4 6h10m4 0h2M4 12h4m4 0h8M4 18h12m4 0h0M14 4v4M8 10v4M16 16v4", true),
        new("/ops/settings", "Settings", "M12 8a4 4 0 1 1 0 8 4 4 0 0 1 0-8zM12 2v3m0 14v3M2 12h3m14 0h3M5 5l2 2m10 10 2 2M5 19l2-2m10-10 2-2", true),
    ];
}
