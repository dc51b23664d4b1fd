namespace WalletFlow.Console;

/// <summary>The console's fixed addresses, named once so links, redirects and cookies agree.</summary>
public static class OpsPaths
{
    public const string Root = "/ops";
    public const string Login = "/ops/login";
    public const string SignIn = "/ops/auth/sign-in";
    public const string SignOut = "/ops/auth/sign-out";
    public const string Denied = "/ops/denied";
    public const string Theme = "/ops/preferences/theme";
    public const string Ledger = "/ops/ledger";
    public const string AccountsCsv = "/ops/ledger/accounts.csv";
    public const string ChartCsv = "/ops/ledger/chart.csv";

    public static string Transaction(long id) => $"/ops/transactions/{id}";

    /// <summary>Only a path inside the console may be a redirect target: an open redirect would hand the session's trust to any site.</summary>
    public static string LocalOrRoot(string? returnUrl) =>
        returnUrl is not null
        && (returnUrl == Root || returnUrl.StartsWith(Root + "/", StringComparison.Ordinal) || returnUrl.StartsWith(Root + "?", StringComparison.Ordinal))
        && !returnUrl.Contains('\\', StringComparison.Ordinal)
            ? returnUrl
            : Root;
}
