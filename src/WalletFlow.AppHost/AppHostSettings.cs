using System.Reflection;

namespace WalletFlow.AppHost;

/// <summary>The AppHost's settings: environment variables with defaults that work on a fresh clone (README, "Environment").</summary>
internal sealed record AppHostSettings(Uri ApiUrl, Uri GrpcUrl, string DataDirectory, int PostgresPort, string ApiAssemblyPath, string Environment)
{
    public static AppHostSettings FromEnvironment()
    {
        var repositoryRoot = FindRepositoryRoot();
        var apiUrl = Read("WALLETFLOW_API_URL") ?? "http://localhost:5080";
        var grpcUrl = Read("WALLETFLOW_GRPC_URL") ?? "http://localhost:5081";
        var dataDirectory = Read("WALLETFLOW_DATA") ?? Path.Combine(repositoryRoot, ".walletflow");
        var postgresPort = Read("WALLETFLOW_PG_PORT") is { } port ? int.Parse(port, System.Globalization.CultureInfo.InvariantCulture) : 0;

        return new AppHostSettings(
            new Uri(apiUrl),
            new Uri(grpcUrl),
            Path.GetFullPath(dataDirectory),
            postgresPort,
            LocateApiAssembly(),
            Read("ASPNETCORE_ENVIRONMENT") ?? "Development");
    }

    private static string? Read(string name) =>
        System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    /// <summary>The API's build output, built together with the AppHost (see the project reference in the csproj).</summary>
    private static string LocateApiAssembly()
    {
        var metadata = typeof(AppHostSettings).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value);
        var apiProject = metadata["WalletFlow.ApiProjectDirectory"]!;
        var configuration = metadata["WalletFlow.Configuration"]!;
        return Path.GetFullPath(Path.Combine(apiProject, "bin", configuration, "net10.0", "WalletFlow.Api.dll"));
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "WalletFlow.sln")))
            {
                return directory.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
