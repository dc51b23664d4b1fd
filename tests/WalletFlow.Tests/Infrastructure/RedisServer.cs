using System.Collections.Concurrent;
using System.Diagnostics;
using StackExchange.Redis;
using WalletFlow.Postgres;

namespace WalletFlow.Tests.Infrastructure;

/// <summary>
/// A real Redis of the test's own (Debian's <c>redis-server</c>, scripts/ensure-prerequisites.sh), on loopback and in
/// memory only: a test's pub/sub hears no other test's events. Stopped, with its directory removed, on dispose.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly string _directory;
    private readonly ConnectionMultiplexer _client;

    private RedisServer(Process process, string directory, ConnectionMultiplexer client, int port)
    {
        _process = process;
        _directory = directory;
        _client = client;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The value of <c>ConnectionStrings:redis</c> for a host that uses this server.</summary>
    public string ConnectionString => ConnectionStringAt(Port);

    public static string ConnectionStringAt(int port) => $"127.0.0.1:{port}";

    /// <summary>
    /// Starts a server on <paramref name="port"/> when given (a test whose hosts were told of Redis before it ran picks
    /// the port first), on a free port otherwise, and waits until it accepts connections.
    /// </summary>
    public static async Task<RedisServer> StartAsync(int? port = null)
    {
        var chosen = port ?? FreePort.Pick();
        var directory = Directory.CreateTempSubdirectory("walletflow-redis-").FullName;
        var start = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--port", chosen.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory })
        {
            start.ArgumentList.Add(argument);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new ConcurrentQueue<string>();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null)
            {
                return;
            }

            output.Enqueue(line.Data);
            if (line.Data.Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                output.Enqueue(line.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(StartTimeout));
        if (first != ready.Task)
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            await process.WaitForExitAsync();
            process.Dispose();
            Directory.Delete(directory, recursive: true);
            throw new InvalidOperationException(
                (first == exited ? "redis-server exited" : $"redis-server was not ready within {StartTimeout}") + $" on port {chosen}:\n{string.Join('\n', output)}");
        }

        return new RedisServer(process, directory, await ConnectionMultiplexer.ConnectAsync(ConnectionStringAt(chosen)), chosen);
    }

    /// <summary>How many clients are subscribed to <paramref name="channel"/> now (<c>PUBSUB NUMSUB</c>).</summary>
    public Task<long> SubscribersAsync(RedisChannel channel) => _client.GetServer(ConnectionString).SubscriptionSubscriberCountAsync(channel);

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
