using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using WalletFlow.Postgres;
using WalletFlow.Postgres.Embedded;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.AppHost;

/// <summary>The AppHost as a developer runs it: a real process, a real cluster in a data folder, the API as its child.</summary>
public sealed partial class AppHostProcessTests : IAsyncDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "walletflow-apphost-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_apphost_brings_the_system_up_at_the_address_it_prints_and_stops_everything_on_sigterm()
    {
        await using var appHost = await RunningAppHost.StartAsync(_dataDirectory);
        using var http = new HttpClient { BaseAddress = appHost.ApiAddress };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", RunningAppHost.Token);

        var health = await http.GetAsync("/health", TestContext.Current.CancellationToken);
        var database = await http.GetFromJsonAsync<JsonElement>("/health/db", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("healthy", database.GetProperty("status").GetString());
        Assert.True(database.GetProperty("pool").GetProperty("max").GetInt32() > 0);

        UnixProcess.Signal(appHost.Process.Id, UnixProcess.SigTerm);

        Assert.True(await appHost.WaitForExitAsync(TimeSpan.FromSeconds(30)), "the AppHost did not stop on SIGTERM");
        Assert.Equal(0, appHost.Process.ExitCode);
        Assert.False(UnixProcess.IsAlive(appHost.ApiProcessId), "the API outlived the AppHost");
        Assert.True(await ProcessTable.WaitUntilGoneAsync(_dataDirectory, TimeSpan.FromSeconds(5)), "Postgres outlived the AppHost");
        Assert.Contains("stopping api", appHost.Output);
    }

    [Fact]
    public async Task A_killed_apphost_leaves_no_process_behind()
    {
        await using var appHost = await RunningAppHost.StartAsync(_dataDirectory);

        UnixProcess.Signal(appHost.Process.Id, UnixProcess.SigKill);

        Assert.True(await appHost.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(await UnixProcess.WaitForExitAsync(appHost.ApiProcessId, TimeSpan.FromSeconds(20)), "the API outlived a killed AppHost");
        Assert.True(await ProcessTable.WaitUntilGoneAsync(_dataDirectory, TimeSpan.FromSeconds(20)), "Postgres outlived a killed AppHost");
    }

    public async ValueTask DisposeAsync()
    {
        await ProcessTable.WaitUntilGoneAsync(_dataDirectory, TimeSpan.FromSeconds(10));
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private sealed partial class RunningAppHost : IAsyncDisposable
    {
        public const string Token = "apphost-test-token";

        private readonly System.Text.StringBuilder _output = new();
        private readonly TaskCompletionSource _running = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private RunningAppHost(Process process) => Process = process;

        public Process Process { get; }

        public Uri ApiAddress { get; private set; } = null!;

        public int ApiProcessId { get; private set; }

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public static async Task<RunningAppHost> StartAsync(string dataDirectory)
        {
            var startInfo = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            startInfo.ArgumentList.Add(RepositoryPaths.BuildOutput("WalletFlow.AppHost"));
            startInfo.Environment["WALLETFLOW_DATA"] = dataDirectory;
            startInfo.Environment["AUTH_TOKEN"] = Token;
            startInfo.Environment["WALLETFLOW_API_URL"] = $"http://127.0.0.1:{FreePort.Pick()}";
            startInfo.Environment["WALLETFLOW_GRPC_URL"] = $"http://127.0.0.1:{FreePort.Pick()}";
            var appHost = new RunningAppHost(new Process { StartInfo = startInfo });
            appHost.Process.OutputDataReceived += (_, line) => appHost.OnLine(line.Data);
            appHost.Process.ErrorDataReceived += (_, line) => appHost.OnLine(line.Data);
            appHost.Process.Start();
            appHost.Process.BeginOutputReadLine();
            appHost.Process.BeginErrorReadLine();

            var ready = await Task.WhenAny(appHost._running.Task, appHost.Process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(90)));
            Assert.True(ready == appHost._running.Task, $"The AppHost did not come up. Its output:\n{appHost.Output}");
            var api = ApiRow().Match(appHost.Output);
            Assert.True(api.Success, $"No api row in the resource table:\n{appHost.Output}");
            appHost.ApiAddress = new Uri(api.Groups["address"].Value);
            appHost.ApiProcessId = int.Parse(api.Groups["pid"].Value, System.Globalization.CultureInfo.InvariantCulture);
            return appHost;
        }

        public async Task<bool> WaitForExitAsync(TimeSpan timeout)
        {
            using var cancellation = new CancellationTokenSource(timeout);
            try
            {
                await Process.WaitForExitAsync(cancellation.Token);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!Process.HasExited)
            {
                UnixProcess.Signal(Process.Id, UnixProcess.SigTerm);
                await WaitForExitAsync(TimeSpan.FromSeconds(30));
            }

            Process.Dispose();
        }

        private void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(AnsiEscape().Replace(line, ""));
            }

            if (line.Contains("WalletFlow is running", StringComparison.Ordinal))
            {
                _running.TrySetResult();
            }
        }

        [GeneratedRegex(@"│\s*api\s*│[^│]*│\s*(?<address>http://[^\s│]+)\s*│\s*(?<pid>\d+)\s*│")]
        private static partial Regex ApiRow();

        [GeneratedRegex(@"\x1b\[[0-9;]*m")]
        private static partial Regex AnsiEscape();
    }
}
