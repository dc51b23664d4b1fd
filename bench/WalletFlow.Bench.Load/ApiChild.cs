using System.Diagnostics;
using System.Reflection;
using WalletFlow.Postgres;
using WalletFlow.Postgres.Embedded;

namespace WalletFlow.Bench.Load;

/// <summary>
/// The built API (this configuration's build) as a child process in Production, on a database of ours and free
/// ports; a watchdog stops it if the benchmark dies first. Its output is kept and shown only if it fails to start.
/// </summary>
internal sealed class ApiChild : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly Process _watchdog;
    private readonly Queue<string> _recentLog;

    private ApiChild(Process process, Process watchdog, Queue<string> recentLog, Uri address, Uri grpcAddress)
    {
        _process = process;
        _watchdog = watchdog;
        _recentLog = recentLog;
        Address = address;
        GrpcAddress = grpcAddress;
    }

    public Uri Address { get; }

    /// <summary>The API's gRPC endpoint (HTTP/2 cleartext, a port of its own).</summary>
    public Uri GrpcAddress { get; }

    public static async Task<ApiChild> StartAsync(string connectionString, string token)
    {
        var assembly = AssemblyPath();
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"The API is not built at {assembly}. Build it first (dotnet build -c <configuration>).");
        }

        var address = new Uri($"http://127.0.0.1:{FreePort.Pick()}");
        var startInfo = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(assembly),
        };
        startInfo.ArgumentList.Add(assembly);
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        startInfo.Environment["ASPNETCORE_URLS"] = address.ToString();
        var grpcAddress = new Uri($"http://127.0.0.1:{FreePort.Pick()}");
        startInfo.Environment["WALLETFLOW_GRPC_URL"] = grpcAddress.ToString();
        startInfo.Environment["WALLETFLOW_DB"] = connectionString;
        startInfo.Environment["AUTH_TOKEN"] = token;

        var recentLog = new Queue<string>();
        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, line) => Remember(recentLog, line.Data);
        process.ErrorDataReceived += (_, line) => Remember(recentLog, line.Data);
        process.Start();
        var watchdog = UnixProcess.StartWatchdog(Environment.ProcessId, process.Id, UnixProcess.SigTerm);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var api = new ApiChild(process, watchdog, recentLog, address, grpcAddress);
        try
        {
            await api.WaitUntilHealthyAsync();
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
        await UnixProcess.StopAsync(_process.Id, UnixProcess.SigTerm, TimeSpan.FromSeconds(15));
        await _process.WaitForExitAsync();
        UnixProcess.Signal(_watchdog.Id, UnixProcess.SigKill);
        await _watchdog.WaitForExitAsync();
        _process.Dispose();
        _watchdog.Dispose();
    }

    private static string AssemblyPath()
    {
        var metadata = typeof(ApiChild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value);
        return Path.GetFullPath(Path.Combine(metadata["WalletFlow.RepositoryRoot"]!, "src", "WalletFlow.Api", "bin", metadata["WalletFlow.Configuration"]!, "net10.0", "WalletFlow.Api.dll"));
    }

    private Task WaitUntilHealthyAsync() =>
        HealthGate.WaitAsync(new Uri(Address, "/health"), _process, StartTimeout, () => $"{Environment.NewLine}{RecentLog()}");

    private string RecentLog()
    {
        lock (_recentLog)
        {
            return string.Join(Environment.NewLine, _recentLog);
        }
    }

    private static void Remember(Queue<string> recentLog, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (recentLog)
        {
            recentLog.Enqueue(line);
            if (recentLog.Count > 60)
            {
                recentLog.Dequeue();
            }
        }
    }
}
