using System.Diagnostics;
using WalletFlow.Postgres.Embedded;

namespace WalletFlow.AppHost.Resources;

/// <summary>The WalletFlow API (with the /ops console) as a child process, gated on its <c>/health</c>.</summary>
internal sealed class ApiResource(Process process, Process watchdog, Uri url, Uri grpcUrl) : IResource
{
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(60);

    public string Name => "api";

    public ResourceStatus Status => new(Name, State, url.ToString().TrimEnd('/'), process.Id, "REST /v1, console /ops, health /health");

    /// <summary>The API's second endpoint, a row of its own because a gRPC client dials a different port (docs/grpc.md).</summary>
    public ResourceStatus GrpcStatus => new("grpc", State, grpcUrl.ToString().TrimEnd('/'), process.Id, "HTTP/2: every command (walletflow.v1.*Commands), WalletReads, LedgerReads, grpc.health.v1.Health");

    private string State => process.HasExited ? $"exited ({process.ExitCode})" : "running";

    public Task Exited => process.WaitForExitAsync();

    public static async Task<ApiResource> StartAsync(AppHostSettings settings, string connectionString, ResourceLog log, CancellationToken cancellationToken)
    {
        if (!File.Exists(settings.ApiAssemblyPath))
        {
            throw new FileNotFoundException($"The API is not built at {settings.ApiAssemblyPath}. Build the solution first (dotnet build).");
        }

        var startInfo = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(settings.ApiAssemblyPath),
        };
        // Its own session: the terminal's Ctrl+C reaches the AppHost alone, which stops the API before the database.
        foreach (var argument in new[] { "dotnet", settings.ApiAssemblyPath })
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["ASPNETCORE_URLS"] = settings.ApiUrl.ToString();
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = settings.Environment;
        startInfo.Environment["WALLETFLOW_DB"] = connectionString;
        startInfo.Environment["WALLETFLOW_GRPC_URL"] = settings.GrpcUrl.ToString();

        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, line) => log.Write("api", line.Data);
        process.ErrorDataReceived += (_, line) => log.Write("api", line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var watchdog = UnixProcess.StartWatchdog(Environment.ProcessId, process.Id, UnixProcess.SigTerm);
        var api = new ApiResource(process, watchdog, settings.ApiUrl, settings.GrpcUrl);

        try
        {
            await api.WaitUntilHealthyAsync(cancellationToken);
            return api;
        }
        catch
        {
            await api.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // SIGTERM lets ASP.NET Core finish in-flight requests and stop its workers.
        await UnixProcess.StopAsync(process.Id, UnixProcess.SigTerm, TimeSpan.FromSeconds(15));
        await process.WaitForExitAsync();
        UnixProcess.Signal(watchdog.Id, UnixProcess.SigKill);
        await watchdog.WaitForExitAsync();
        process.Dispose();
        watchdog.Dispose();
    }

    private Task WaitUntilHealthyAsync(CancellationToken cancellationToken) =>
        HealthGate.WaitAsync(new Uri(url, "/health"), process, HealthTimeout, () => "its log is above.", cancellationToken);
}
