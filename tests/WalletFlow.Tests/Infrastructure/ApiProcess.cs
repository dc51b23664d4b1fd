using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using WalletFlow.Postgres;
using WalletFlow.Postgres.Embedded;

namespace WalletFlow.Tests.Infrastructure;

/// <summary>
/// The built API as a real child process on a database the test chooses, on free ports, with a REST client that carries
/// the operator token. It can be killed without warning and started again on the same database. A watchdog kills it
/// if the test run dies first, and disposal kills it, so no test leaves an API behind.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    public const string Token = WalletCoreHost.Token;

    private const int LogLinesKept = 80;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly string _connectionString;
    private readonly Queue<string> _recentLog = new();
    private Process? _process;
    private Process? _watchdog;
    private int _keys;

    private ApiProcess(string connectionString) => _connectionString = connectionString;

    /// <summary>Where the running process listens; a restart moves it to fresh ports.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>A client of the running process with the bearer token; replaced (the old one disposed) by a restart.</summary>
    public HttpClient Client { get; private set; } = null!;

    public int ProcessId => _process?.Id ?? 0;

    /// <summary>The last lines the process wrote, for failure messages.</summary>
    public string RecentLog
    {
        get
        {
            lock (_recentLog)
            {
                return string.Join(Environment.NewLine, _recentLog);
            }
        }
    }

    public static async Task<ApiProcess> StartAsync(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var api = new ApiProcess(connectionString);
        try
        {
            await api.LaunchAsync();
            return api;
        }
        catch
        {
            await api.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL: no shutdown, in-flight requests are cut; returns once the process is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is { } process)
        {
            UnixProcess.Signal(process.Id, UnixProcess.SigKill);
            await process.WaitForExitAsync();
        }

        if (_watchdog is { } watchdog)
        {
            UnixProcess.Signal(watchdog.Id, UnixProcess.SigKill);
            await watchdog.WaitForExitAsync();
        }
    }

    /// <summary>Kills the process if it still runs and starts a new one on the same database.</summary>
    public async Task RestartAsync()
    {
        await KillAsync();
        Release();
        await LaunchAsync();
    }

    public string NewKey() => $"key-{Interlocked.Increment(ref _keys)}-{Guid.NewGuid():N}";

    public async Task<CommandResponse> PostAsync(string route, object body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(route, UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key ?? NewKey());
        using var response = await Client.SendAsync(request);
        return await CommandResponse.ReadAsync(response);
    }

    /// <summary>A new active wallet; its id.</summary>
    public async Task<string> CreateWalletAsync(string currency = "USD", string merchant = "acme")
    {
        var created = await PostAsync("/v1/wallets", new { merchantId = merchant, currency });
        Assert.True(created.Status == HttpStatusCode.Created, $"create wallet answered {(int)created.Status} {created.Body}");
        return created.Data.GetProperty("walletId").GetString()!;
    }

    public async Task PayInAsync(string walletId, string amount, string currency = "USD", string bank = "citi")
    {
        var paid = await PostAsync("/v1/payins", new { walletId, bankId = bank, amount, currency });
        Assert.True(paid.Status == HttpStatusCode.Created, $"pay-in answered {(int)paid.Status} {paid.Body}");
    }

    public async Task<string> AvailableAsync(string walletId)
    {
        using var response = await Client.GetAsync(new Uri($"/v1/wallets/{walletId}/balances", UriKind.Relative));
        var balances = await CommandResponse.ReadAsync(response);
        Assert.Equal(HttpStatusCode.OK, balances.Status);
        return balances.Body.GetProperty("available").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Release();
    }

    private async Task LaunchAsync()
    {
        Address = new Uri($"http://127.0.0.1:{FreePort.Pick()}");
        var startInfo = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The content root, where appsettings.json is read from.
            WorkingDirectory = Path.GetDirectoryName(RepositoryPaths.BuildOutput("WalletFlow.Api")),
        };
        startInfo.ArgumentList.Add(RepositoryPaths.BuildOutput("WalletFlow.Api"));
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        startInfo.Environment["ASPNETCORE_URLS"] = Address.ToString();
        // Every process needs a gRPC port of its own: the default would clash between processes.
        startInfo.Environment["WALLETFLOW_GRPC_URL"] = $"http://127.0.0.1:{FreePort.Pick()}";
        startInfo.Environment["WALLETFLOW_DB"] = _connectionString;
        startInfo.Environment["AUTH_TOKEN"] = Token;

        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, line) => Remember(line.Data);
        process.ErrorDataReceived += (_, line) => Remember(line.Data);
        process.Start();
        _process = process;
        _watchdog = UnixProcess.StartWatchdog(Environment.ProcessId, process.Id, UnixProcess.SigKill);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        Client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        await WaitUntilHealthyAsync(process);
    }

    private Task WaitUntilHealthyAsync(Process process) =>
        HealthGate.WaitAsync(new Uri(Address, "/health"), process, StartTimeout, () => $"{Environment.NewLine}{RecentLog}");

    private void Release()
    {
        Client?.Dispose();
        _process?.Dispose();
        _watchdog?.Dispose();
        _process = null;
        _watchdog = null;
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_recentLog)
        {
            _recentLog.Enqueue(line);
            if (_recentLog.Count > LogLinesKept)
            {
                _recentLog.Dequeue();
            }
        }
    }
}
