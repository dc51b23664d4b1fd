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

    /// <summary>The mode Fluent UI's theme reads from <c>body[data-theme]</c>: paper is Fluent's light theme.</summary>
    public static string FluentMode(string theme) => theme == Paper ? "light" : "dark";

    /// <summary>The brand colour Fluent builds its accent ramp from: the console's green, deeper on paper.</summary>
    public static string BrandColor(string theme) => theme == Paper ? "#1F6F50" : "#3FB68B";
}
