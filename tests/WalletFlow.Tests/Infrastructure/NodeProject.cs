using System.Diagnostics;

namespace WalletFlow.Tests.Infrastructure;

/// <summary>
/// A pinned node project under tests/interop: installed from its lock file when missing (a fresh clone, CI) and run
/// with a time limit, so interop tests drive real npm clients without a manual step.
/// </summary>
internal sealed class NodeProject(string name)
{
    public string Directory { get; } = Path.Combine(RepositoryPaths.Root, "tests", "interop", name);

    /// <summary>Runs <c>npm ci</c> unless <paramref name="package"/> is already under node_modules.</summary>
    public async Task EnsureInstalledAsync(string package)
    {
        if (System.IO.Directory.Exists(Path.Combine(Directory, "node_modules", package)))
        {
            return;
        }

        var install = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5));
        Assert.True(install.ExitCode == 0, $"npm ci exited {install.ExitCode}\n{install.Output}\n{install.Errors}");
    }

    public async Task<(int ExitCode, string Output, string Errors)> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {timeout}: {await errors}");
        }

        return (process.ExitCode, await output, await errors);
    }
}
