using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using WalletFlow.Postgres.Embedded;

namespace WalletFlow.Bench;

/// <summary>
/// pgbench's TPC-B-like workload on a benchmark's own cluster: the yardstick WalletFlow's figures are read against
/// (what Postgres alone commits per second for a comparable small read-write transaction on the same machine).
/// </summary>
internal sealed partial class Pgbench
{
    private const string Database = "pgbench";
    private readonly string _program = PostgresBinaries.Locate().Tool("pgbench");
    private readonly string[] _connection;

    private Pgbench(EmbeddedPostgres cluster) =>
        _connection = ["-h", "127.0.0.1", "-p", cluster.Port.ToString(CultureInfo.InvariantCulture), "-U", EmbeddedPostgres.Superuser];

    /// <summary>Creates and fills pgbench's tables at <paramref name="scale"/> (10 is a million accounts).</summary>
    public static async Task<Pgbench> InitializeAsync(EmbeddedPostgres cluster, int scale)
    {
        await using (var connection = new NpgsqlConnection(cluster.ConnectionString()))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {Database}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var pgbench = new Pgbench(cluster);
        await pgbench.RunProcessAsync([.. pgbench._connection, "-i", "-q", "-s", scale.ToString(CultureInfo.InvariantCulture), Database]);
        return pgbench;
    }

    /// <summary>Transactions per second of <paramref name="clients"/> clients (on two threads) for <paramref name="seconds"/>.</summary>
    public async Task<double> RunAsync(int clients, int seconds)
    {
        var output = await RunProcessAsync([.. _connection, "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2", "-T", seconds.ToString(CultureInfo.InvariantCulture), Database]);
        var tps = TpsLine().Match(output);
        return tps.Success ? double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture) : throw new InvalidOperationException($"pgbench printed no tps:{Environment.NewLine}{output}");
    }

    private async Task<string> RunProcessAsync(string[] arguments)
    {
        var startInfo = new ProcessStartInfo(_program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? await output + await error : throw new InvalidOperationException($"pgbench failed: {await error}");
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsLine();
}
