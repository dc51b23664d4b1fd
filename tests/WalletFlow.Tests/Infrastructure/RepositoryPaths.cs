using System.Reflection;

namespace WalletFlow.Tests.Infrastructure;

internal static class RepositoryPaths
{
    private static readonly Dictionary<string, string?> Metadata =
        typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value);

    public static string Root { get; } = Path.GetFullPath(Metadata["WalletFlow.RepositoryRoot"]!);

    public static string Configuration { get; } = Metadata["WalletFlow.Configuration"]!;

    public static string BuildOutput(string project, string folder = "src") => Path.Combine(Root, folder, project, "bin", Configuration, "net10.0", $"{project}.dll");
}
