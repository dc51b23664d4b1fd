namespace WalletFlow.Console;

/// <summary>The console's fixed addresses, named once so links, redirects and cookies agree.</summary>
public static class OpsPaths
{
    public const string Root = "/ops";
    public const string Login = "/ops/login";
    public const string SignIn = "/ops/auth/sign-in";
    public const string SignOut = "/ops/auth/sign-out";
    public const string Denied = "/ops/denied";

    /// <summary>The form post that starts Sign in with Google (mapped only when Google is configured).</summary>
    public const string GoogleSignIn = "/ops/auth/google";

    /// <summary>Where Google sends the browser back: the Google handler answers it before routing.</summary>
    public const string GoogleCallback = "/ops/signin-google";
    public const string Theme = "/ops/preferences/theme";
    public const string Ledger = "/ops/ledger";
    public const string AccountsCsv = "/ops/ledger/accounts.csv";
    public const string ChartCsv = "/ops/ledger/chart.csv";

    /// <summary><c>Ledger Template.csv</c>: every loaded Numscript template with its variables and GL codes.</summary>
    public const string LedgerTemplateCsv = "/ops/ledger/template.csv";

    /// <summary>The loaded chart and templates compared with the bundled ones (JSON).</summary>
    public const string LedgerDrift = "/ops/ledger/drift";

    /// <summary>Uploads a chart of accounts (multipart: gl_accounts, account_map, event_map); admins, by bearer.</summary>
    public const string LedgerChartUpload = "/ops/ledger/chart";

    public const string RebuildChart = "/ops/ledger/rebuild-coa";
    public const string RebuildTemplates = "/ops/ledger/rebuild-templates";
    public const string Wallets = "/ops/wallets";
    public const string Operations = "/ops/operations";
    public const string Payouts = "/ops/payouts";
    public const string Webhooks = "/ops/webhooks";
    public const string Controls = "/ops/controls";
    public const string Reconciliation = "/ops/recon";
    public const string TrialBalanceCsv = "/ops/recon/trial-balance.csv";
    public const string Settings = "/ops/settings";

    /// <summary>The Orleans dashboard, mounted by the API (it is served from the silo's services, not the console's pages).</summary>
    public const string OrleansDashboard = "/ops/orleans";

    /// <summary>
    /// Blazor's hub, moved from the site root under the console so that the session cookie (path /ops) reaches it and the
    /// console's schemes answer it. The pages' <c>&lt;base href="/ops/"&gt;</c> sends blazor.web.js there.
    /// </summary>
    public const string Hub = "/ops/_blazor";

    /// <summary>Blazor's script, where the pages' base address makes its own relative requests (<c>_framework/…</c>).</summary>
    public const string BlazorScript = "/ops/_framework/blazor.web.js";

    /// <summary>Fluent UI Blazor's stylesheet and client module, served from the console's assembly.</summary>
    public const string FluentAssets = "/ops/_content/Microsoft.FluentUI.AspNetCore.Components";

    public static string Transaction(long id) => $"/ops/transactions/{id}";

    /// <summary>The Payouts page open on one payout: its saga and its timeline.</summary>
    public static string Payout(string holdId) => $"{Payouts}?holdId={Uri.EscapeDataString(holdId)}#payout";

    /// <summary>A webhook delivery (<c>whd_…</c>) and every attempt made to deliver it.</summary>
    public static string WebhookDelivery(string deliveryId) => $"{Webhooks}/deliveries/{Uri.EscapeDataString(deliveryId)}";

    public static string Wallet(string walletId) => $"{Wallets}/{Uri.EscapeDataString(walletId)}";

    /// <summary>A WalletFlow transaction (<c>wtx_…</c>): a command's receipt, as distinct from the ledger transaction it posted.</summary>
    public static string WalletTransaction(string commandId) => $"/ops/wallet-transactions/{Uri.EscapeDataString(commandId)}";

    /// <summary>The form of <paramref name="command"/> on Operations, its fields prefilled from <paramref name="prefill"/>.</summary>
    public static string Operation(string command, params (string Field, string? Value)[] prefill) =>
        $"{Operations}?command={Uri.EscapeDataString(command)}" + string.Concat(prefill.Where(pair => pair.Value is not null).Select(pair => $"&{pair.Field}={Uri.EscapeDataString(pair.Value!)}"));

    /// <summary>Only a path inside the console may be a redirect target: an open redirect would hand the session's trust to any site.</summary>
    public static string LocalOrRoot(string? returnUrl) =>
        returnUrl is not null
        && (returnUrl == Root || returnUrl.StartsWith(Root + "/", StringComparison.Ordinal) || returnUrl.StartsWith(Root + "?", StringComparison.Ordinal))
        && !returnUrl.Contains('\\', StringComparison.Ordinal)
            ? returnUrl
            : Root;
}
