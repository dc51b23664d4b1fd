using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using WalletFlow.Postgres.Embedded;

namespace WalletFlow.AppHost.Resources;

/// <summary>
/// Where the Postgres cluster of a data folder lives, and which OS user runs it. Postgres refuses to run as root, so
/// as root it runs as <c>postgres</c>, which must be able to reach the cluster's folder: a clone under a 0700 folder
/// (such as <c>/root</c>) is out of its reach. Then the cluster lives under <see cref="RelocatedRoot"/>, in a folder
/// named after the data folder (the same one every run), and <c>postgres</c> in the data folder links to it.
/// Permissions of folders we did not create are never changed.
/// </summary>
internal sealed record ClusterLocation(string Directory, string? OsUser, bool Relocated)
{
    public const string RelocatedRoot = "/var/lib/walletflow/clusters";
    private const string ServerUser = "postgres";
    private const UnixFileMode Traversable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    public static ClusterLocation For(string dataDirectory)
    {
        var inData = Path.Combine(dataDirectory, "postgres");
        if (!UnixProcess.IsRoot)
        {
            return new ClusterLocation(inData, null, Relocated: false);
        }

        System.IO.Directory.CreateDirectory(dataDirectory, Traversable);
        if (!IsLink(inData) && CanReach(ServerUser, dataDirectory))
        {
            return new ClusterLocation(inData, ServerUser, Relocated: false);
        }

        var relocated = Path.Combine(RelocatedRoot, Name(dataDirectory));
        System.IO.Directory.CreateDirectory(relocated, Traversable);
        File.WriteAllText(Path.Combine(relocated, "data-folder"), dataDirectory);
        if (!IsLink(inData))
        {
            File.CreateSymbolicLink(inData, relocated);
        }

        return new ClusterLocation(relocated, ServerUser, Relocated: true);
    }

    /// <summary>The relocated cluster of a data folder: a stable name from its full path.</summary>
    public static string Name(string dataDirectory) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDirectory))))[..16];

    private static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;

    /// <summary>Asks the kernel, as that user, whether it can enter the folder (every folder above it included).</summary>
    private static bool CanReach(string user, string directory)
    {
        var probe = new ProcessStartInfo("setpriv") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in new[] { $"--reuid={user}", $"--regid={user}", "--init-groups", "test", "-x", directory })
        {
            probe.ArgumentList.Add(argument);
        }

        using var process = Process.Start(probe) ?? throw new InvalidOperationException("Could not start setpriv.");
        process.WaitForExit();
        return process.ExitCode == 0;
    }
}
