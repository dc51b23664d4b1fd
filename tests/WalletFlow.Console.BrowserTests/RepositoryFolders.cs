using System.Reflection;

namespace WalletFlow.Console.BrowserTests;

internal static class RepositoryFolders
{
    private static readonly string Root = Path.GetFullPath(
        typeof(RepositoryFolders).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "WalletFlow.RepositoryRoot").Value!);

    /// <summary>Git-ignored: screenshots are for looking at, not for committing.</summary>
    public static string Screenshots { get; } = Path.Combine(Root, "test-output", "screenshots");
}
