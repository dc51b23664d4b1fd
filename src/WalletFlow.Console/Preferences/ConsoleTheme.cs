namespace WalletFlow.Console.Preferences;

/// <summary>The two looks of the console, remembered in a cookie so the server renders the right one with no flash.</summary>
public static class ConsoleTheme
{
    public const string Dark = "dark";
    public const string Paper = "paper";
    public const string CookieName = "walletflow.ops.theme";

    public static string Of(HttpContext? context) => Normalize(context?.Request.Cookies[CookieName]);

    public static string Normalize(string? theme) => theme == Paper ? Paper : Dark;

    public static string Other(string theme) => theme == Paper ? Dark : Paper;

    public static string Label(string theme) => theme == Paper ? "Ledger paper" : "Dark";
}
