using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace WalletFlow.Postgres.Migrations;

/// <summary>The migrations this build knows: SQL files named <c>NNNN_name.sql</c> embedded in the assembly, in version order.</summary>
public static partial class MigrationCatalog
{
    public static IReadOnlyList<Migration> Embedded { get; } = Load(typeof(MigrationCatalog).Assembly);

    public static IReadOnlyList<Migration> Load(Assembly assembly)
    {
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ResourceName().Match(resource);
            if (!match.Success)
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture), match.Groups["name"].Value, reader.ReadToEnd()));
        }

        return Ordered(migrations);
    }

    /// <summary>Sorts by version and refuses two migrations with one version (a merge mistake, caught at build-test time).</summary>
    public static IReadOnlyList<Migration> Ordered(IEnumerable<Migration> migrations)
    {
        var ordered = migrations.OrderBy(migration => migration.Version).ToList();
        var duplicate = ordered.GroupBy(migration => migration.Version).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new MigrationException($"Two migrations share version {duplicate.Key:D4}: {string.Join(", ", duplicate)}.");
        }

        return ordered;
    }

    [GeneratedRegex(@"\.Migrations\.(?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex ResourceName();
}
