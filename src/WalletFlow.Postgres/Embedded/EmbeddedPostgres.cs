using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace WalletFlow.Postgres.Embedded;

/// <summary>
/// A Postgres cluster run from the machine's binaries in a folder of ours, on a loopback port: the database of the
/// AppHost and of the tests. It runs in its own session (a Ctrl+C to the terminal is ours to handle, in order),
/// under an unprivileged user when we are root, and with a watchdog that stops it if the process that started it
/// dies without stopping it.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    private const string OwnerFile = "owner";

    /// <summary>The name a sweep gives a folder it has claimed for deletion (then its pid): other sweeps pass it by while that pid lives.</summary>
    private const string RemovingPrefix = ".removing-";
    private const int LogLinesKept = 40;
    private static readonly TimeSpan UnclaimedGracePeriod = TimeSpan.FromMinutes(10);

    private readonly Process _server;
    private readonly Process _watchdog;
    private readonly Queue<string> _recentLog;
    private bool _stopped;

    private EmbeddedPostgres(string rootDirectory, int port, Process server, Process watchdog, Queue<string> recentLog)
    {
        RootDirectory = rootDirectory;
        Port = port;
        _server = server;
        _watchdog = watchdog;
        _recentLog = recentLog;
    }

    public string RootDirectory { get; }

    public string DataDirectory => DataDirectoryOf(RootDirectory);

    public int Port { get; }

    public int ProcessId => _server.Id;

    internal int WatchdogProcessId => _watchdog.Id;

    public const string Superuser = "postgres";

    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Database = database,
    }.ConnectionString;

    public static async Task<EmbeddedPostgres> StartAsync(EmbeddedPostgresOptions options, CancellationToken cancellationToken = default)
    {
        var binaries = PostgresBinaries.Locate();
        var root = Path.GetFullPath(options.RootDirectory);
        var osUser = UnixProcess.IsRoot ? options.OsUserWhenRoot : null;
        Directory.CreateDirectory(root);
        // Claimed before anything else, so a concurrent sweep never takes a cluster being created for abandoned.
        await File.WriteAllTextAsync(Path.Combine(root, OwnerFile), ProcessIdentity.Current().ToString(), cancellationToken);

        await StopServerOfAsync(root);
        if (!File.Exists(Path.Combine(DataDirectoryOf(root), "PG_VERSION")))
        {
            // Only a new cluster needs handing over to the server's user; an existing one already belongs to it, and
            // walking a grown data folder on every start would be wasted work.
            if (osUser is not null)
            {
                await RunToEndAsync("chown", ["-R", $"{osUser}:", root], cancellationToken);
            }

            await InitializeAsync(binaries, root, osUser, options.Durable, cancellationToken);
        }

        var port = options.Port == 0 ? FreePort.Pick() : options.Port;
        var recentLog = new Queue<string>();
        var server = StartServer(binaries, root, osUser, port, options, recentLog);
        var watchdog = UnixProcess.StartWatchdog(Environment.ProcessId, server.Id, UnixProcess.SigInt);
        var cluster = new EmbeddedPostgres(root, port, server, watchdog, recentLog);

        try
        {
            await cluster.WaitUntilReadyAsync(options.StartTimeout, cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.StopAsync();
            throw;
        }
    }

    /// <summary>
    /// Stops the servers of clusters under <paramref name="parentDirectory"/> whose starting process has died
    /// (a test run that was killed), and deletes those clusters. A folder with no owner recorded is left alone
    /// unless it is older than <see cref="UnclaimedGracePeriod"/>: another process may be about to claim it. Several
    /// processes may sweep at once (two test assemblies starting together): an abandoned folder is claimed by renaming
    /// it, which only one of them can do, and a folder that vanishes underneath a sweep is another sweep's.
    /// </summary>
    public static async Task RemoveAbandonedAsync(string parentDirectory)
    {
        string[] roots;
        try
        {
            roots = Directory.GetDirectories(parentDirectory);
        }
        catch (DirectoryNotFoundException)
        {
            return;
        }

        foreach (var root in roots)
        {
            if (Path.GetFileName(root).StartsWith(RemovingPrefix, StringComparison.Ordinal))
            {
                // A sweep that died while deleting: its server was already stopped.
                if (!IsClaimedByLiveSweep(root))
                {
                    DeleteIfPresent(root);
                }

                continue;
            }

            if (!await IsAbandonedAsync(root))
            {
                continue;
            }

            var claimed = Path.Combine(parentDirectory, $"{RemovingPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
            try
            {
                Directory.Move(root, claimed);
            }
            catch (Exception exception) when (exception is DirectoryNotFoundException or IOException)
            {
                continue;
            }

            await StopServerOfAsync(claimed);
            DeleteIfPresent(claimed);
        }
    }

    private static bool IsClaimedByLiveSweep(string root) =>
        int.TryParse(Path.GetFileName(root)[RemovingPrefix.Length..].Split('-')[0], CultureInfo.InvariantCulture, out var pid) && UnixProcess.IsAlive(pid);

    private static void DeleteIfPresent(string root)
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static async Task<bool> IsAbandonedAsync(string root)
    {
        try
        {
            var ownerFile = Path.Combine(root, OwnerFile);
            return File.Exists(ownerFile)
                ? !(ProcessIdentity.TryParse(await File.ReadAllTextAsync(ownerFile), out var owner) && owner.IsAlive())
                : DateTime.UtcNow - Directory.GetCreationTimeUtc(root) > UnclaimedGracePeriod;
        }
        catch (Exception exception) when (exception is DirectoryNotFoundException or FileNotFoundException)
        {
            return false;
        }
    }

    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        // SIGINT is Postgres's "fast shutdown": roll back open transactions, checkpoint, exit.
        await UnixProcess.StopAsync(_server.Id, UnixProcess.SigInt, TimeSpan.FromSeconds(15));
        await _server.WaitForExitAsync();
        UnixProcess.Signal(_watchdog.Id, UnixProcess.SigKill);
        await _watchdog.WaitForExitAsync();
        _server.Dispose();
        _watchdog.Dispose();
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private string RecentLog()
    {
        lock (_recentLog)
        {
            return string.Join(Environment.NewLine, _recentLog);
        }
    }

    private static string DataDirectoryOf(string root) => Path.Combine(root, "data");

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(ConnectionString()) { Pooling = false, Timeout = 2 }.ConnectionString;
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_server.HasExited)
            {
                throw new InvalidOperationException($"Postgres exited during start-up (code {_server.ExitCode}). Its log:{Environment.NewLine}{RecentLog()}");
            }

            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException) when (deadline.Elapsed < timeout)
            {
                await Task.Delay(25, cancellationToken);
            }
            catch (NpgsqlException exception)
            {
                throw new TimeoutException($"Postgres did not accept connections on port {Port} within {timeout}. Its log:{Environment.NewLine}{RecentLog()}", exception);
            }
        }
    }

    private static async Task InitializeAsync(PostgresBinaries binaries, string root, string? osUser, bool durable, CancellationToken cancellationToken)
    {
        List<string> arguments = [binaries.InitDb, "-D", DataDirectoryOf(root), "-U", Superuser, "-A", "trust", "-E", "UTF8", "--locale=C"];
        if (!durable)
        {
            arguments.Add("--no-sync");
        }

        var (program, fullArguments) = AsUser(osUser, arguments);
        await RunToEndAsync(program, fullArguments, cancellationToken);
    }

    private static Process StartServer(PostgresBinaries binaries, string root, string? osUser, int port, EmbeddedPostgresOptions options, Queue<string> recentLog)
    {
        List<string> arguments =
        [
            binaries.Postgres, "-D", DataDirectoryOf(root), "-p", port.ToString(CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1",
            "-c", "unix_socket_directories=",
            "-c", $"max_connections={options.MaxConnections}",
        ];
        if (!options.Durable)
        {
            arguments.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }

        var (program, userArguments) = AsUser(osUser, arguments);
        // setsid puts the server in a session of its own (it execs in place: the pid stays the server's).
        var startInfo = new ProcessStartInfo("setsid") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        startInfo.ArgumentList.Add(program);
        foreach (var argument in userArguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var server = new Process { StartInfo = startInfo };
        void OnLine(object sender, DataReceivedEventArgs line)
        {
            if (line.Data is null)
            {
                return;
            }

            lock (recentLog)
            {
                recentLog.Enqueue(line.Data);
                if (recentLog.Count > LogLinesKept)
                {
                    recentLog.Dequeue();
                }
            }

            options.Log?.Invoke(line.Data);
        }

        server.OutputDataReceived += OnLine;
        server.ErrorDataReceived += OnLine;
        server.Start();
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        return server;
    }

    /// <summary>Stops a server still running on <paramref name="root"/>'s data directory (left by a killed process).</summary>
    private static async Task StopServerOfAsync(string root)
    {
        var lockFile = Path.Combine(DataDirectoryOf(root), "postmaster.pid");
        if (!File.Exists(lockFile))
        {
            return;
        }

        var firstLine = (await File.ReadAllLinesAsync(lockFile)).FirstOrDefault();
        if (int.TryParse(firstLine, out var pid) && UnixProcess.IsAlive(pid) && IsPostgres(pid))
        {
            await UnixProcess.StopAsync(pid, UnixProcess.SigInt, TimeSpan.FromSeconds(15));
        }
    }

    private static bool IsPostgres(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Contains("postgres", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static (string Program, IReadOnlyList<string> Arguments) AsUser(string? osUser, IReadOnlyList<string> command) =>
        osUser is null
            ? (command[0], command.Skip(1).ToList())
            : ("setpriv", [$"--reuid={osUser}", $"--regid={osUser}", "--init-groups", "--reset-env", .. command]);

    private static async Task RunToEndAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}:{Environment.NewLine}{await output}{await error}");
        }
    }
}
