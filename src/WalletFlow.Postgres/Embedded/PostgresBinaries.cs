namespace WalletFlow.Postgres.Embedded;

/// <summary>Where the machine's Postgres server programs are: <c>initdb</c> and <c>postgres</c> from one installation.</summary>
public sealed record PostgresBinaries(string BinDirectory)
{
    public string InitDb => Path.Combine(BinDirectory, "initdb");

    public string Postgres => Path.Combine(BinDirectory, "postgres");

    /// <summary>Another program of the same installation, such as <c>pgbench</c>.</summary>
    public string Tool(string name) => Path.Combine(BinDirectory, name);

    /// <summary>
    /// Finds a directory holding both <c>initdb</c> and <c>postgres</c>: first on PATH, then the newest
    /// <c>/usr/lib/postgresql/*/bin</c> (Debian keeps the server programs off PATH).
    /// </summary>
    public static PostgresBinaries Locate(string? path = null, string debianRoot = "/usr/lib/postgresql")
    {
        var candidates = (path ?? Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(DebianBinDirectories(debianRoot));

        foreach (var directory in candidates)
        {
            var initDb = Path.Combine(directory, "initdb");
            if (File.Exists(initDb) && File.Exists(Path.Combine(directory, "postgres")))
            {
                // A link on PATH (/usr/local/bin/initdb) leads to the installation that has the other tools too.
                var target = File.ResolveLinkTarget(initDb, returnFinalTarget: true)?.FullName;
                return new PostgresBinaries(target is null ? directory : Path.GetDirectoryName(target)!);
            }
        }

        throw new PostgresNotInstalledException(
            "The Postgres server programs (initdb and postgres) were not found on PATH or under " +
            $"{debianRoot}/*/bin. Install them, for example with: apt-get install -y postgresql");
    }

    private static IEnumerable<string> DebianBinDirectories(string root) =>
        Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(versionDirectory => (Version: ParseMajor(Path.GetFileName(versionDirectory)), Bin: Path.Combine(versionDirectory, "bin")))
                .Where(candidate => candidate.Version > 0)
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Bin)
            : [];

    private static int ParseMajor(string name) => int.TryParse(name, out var major) ? major : 0;
}

public sealed class PostgresNotInstalledException(string message) : Exception(message);
