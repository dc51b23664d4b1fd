using Npgsql;
using WalletFlow.Postgres.Embedded;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Postgres.Embedded;

public sealed class EmbeddedPostgresTests : IDisposable
{
    private readonly string _parent = Path.Combine(Path.GetTempPath(), "walletflow-embedded-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_started_cluster_accepts_connections_and_leaves_no_process_when_stopped()
    {
        var root = Path.Combine(_parent, "one");
        var cluster = await StartAsync(root);

        Assert.Equal(1, await QueryAsync(cluster, "select 1"));
        Assert.NotEmpty(ProcessTable.ProcessesMentioning(root));

        await cluster.StopAsync();

        Assert.True(await ProcessTable.WaitUntilGoneAsync(root, TimeSpan.FromSeconds(5)), "a process of the stopped cluster is still running");
        Assert.False(File.Exists(Path.Combine(cluster.DataDirectory, "postmaster.pid")));
    }

    [Fact]
    public async Task Two_clusters_run_side_by_side_on_different_ports()
    {
        await using var first = await StartAsync(Path.Combine(_parent, "first"));
        await using var second = await StartAsync(Path.Combine(_parent, "second"));

        Assert.NotEqual(first.Port, second.Port);
        await ExecuteAsync(first, "create table only_in_first (id int)");
        Assert.Equal(1, await QueryAsync(first, "select count(*)::int from pg_tables where tablename = 'only_in_first'"));
        Assert.Equal(0, await QueryAsync(second, "select count(*)::int from pg_tables where tablename = 'only_in_first'"));
    }

    [Fact]
    public async Task A_cluster_keeps_its_data_between_runs_in_the_same_folder()
    {
        var root = Path.Combine(_parent, "kept");
        await using (var cluster = await StartAsync(root))
        {
            await ExecuteAsync(cluster, "create table kept (id int); insert into kept values (42)");
        }

        await using var again = await StartAsync(root);

        Assert.Equal(42, await QueryAsync(again, "select id from kept"));
    }

    [Fact]
    public async Task Starting_on_a_folder_whose_server_outlived_its_owner_stops_that_server_first()
    {
        var root = Path.Combine(_parent, "outlived");
        var orphan = await StartAsync(root);
        UnixProcess.Signal(orphan.WatchdogProcessId, UnixProcess.SigKill);

        await using var successor = await StartAsync(root);

        Assert.False(UnixProcess.IsAlive(orphan.ProcessId));
        Assert.Equal(1, await QueryAsync(successor, "select 1"));
        await orphan.StopAsync();
    }

    [Fact]
    public async Task A_cluster_abandoned_by_a_dead_owner_is_stopped_and_removed_by_the_next_run()
    {
        var root = Path.Combine(_parent, "abandoned");
        var abandoned = await StartAsync(root);
        UnixProcess.Signal(abandoned.WatchdogProcessId, UnixProcess.SigKill);
        await File.WriteAllTextAsync(Path.Combine(root, "owner"), $"{await DeadProcessIdAsync()} 1");

        await EmbeddedPostgres.RemoveAbandonedAsync(_parent);

        Assert.False(UnixProcess.IsAlive(abandoned.ProcessId));
        Assert.False(Directory.Exists(root));
        await abandoned.StopAsync();
    }

    [Fact]
    public async Task Two_sweeps_racing_over_one_abandoned_cluster_both_finish_and_remove_it_once()
    {
        var root = Path.Combine(_parent, "raced");
        var abandoned = await StartAsync(root);
        UnixProcess.Signal(abandoned.WatchdogProcessId, UnixProcess.SigKill);
        await File.WriteAllTextAsync(Path.Combine(root, "owner"), $"{await DeadProcessIdAsync()} 1");

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => EmbeddedPostgres.RemoveAbandonedAsync(_parent))));

        Assert.False(UnixProcess.IsAlive(abandoned.ProcessId));
        Assert.Empty(Directory.GetDirectories(_parent));
        await abandoned.StopAsync();
    }

    [Fact]
    public async Task A_sweep_of_a_folder_that_does_not_exist_does_nothing()
    {
        await EmbeddedPostgres.RemoveAbandonedAsync(Path.Combine(_parent, "never-made"));

        Assert.False(Directory.Exists(Path.Combine(_parent, "never-made")));
    }

    [Fact]
    public async Task A_cluster_whose_owner_is_alive_is_left_alone_by_the_sweep()
    {
        var root = Path.Combine(_parent, "owned");
        await using var cluster = await StartAsync(root);

        await EmbeddedPostgres.RemoveAbandonedAsync(_parent);

        Assert.Equal(1, await QueryAsync(cluster, "select 1"));
    }

    [Fact]
    public async Task A_fresh_folder_nobody_has_claimed_yet_is_left_alone_by_the_sweep()
    {
        var beingCreated = Directory.CreateDirectory(Path.Combine(_parent, "being-created")).FullName;

        await EmbeddedPostgres.RemoveAbandonedAsync(_parent);

        Assert.True(Directory.Exists(beingCreated));
    }

    [Fact]
    public void Missing_binaries_are_reported_with_what_to_install()
    {
        var nowhere = Path.Combine(_parent, "no-binaries");

        var error = Assert.Throws<PostgresNotInstalledException>(() => PostgresBinaries.Locate(path: nowhere, debianRoot: nowhere));

        Assert.Contains("apt-get install -y postgresql", error.Message);
    }

    [Fact]
    public void The_newest_debian_installation_is_preferred_when_none_is_on_the_path()
    {
        var debianRoot = Path.Combine(_parent, "usr-lib-postgresql");
        foreach (var version in new[] { "9", "15", "13" })
        {
            var bin = Directory.CreateDirectory(Path.Combine(debianRoot, version, "bin")).FullName;
            File.WriteAllText(Path.Combine(bin, "initdb"), "");
            File.WriteAllText(Path.Combine(bin, "postgres"), "");
        }

        var binaries = PostgresBinaries.Locate(path: "", debianRoot: debianRoot);

        Assert.Equal(Path.Combine(debianRoot, "15", "bin"), binaries.BinDirectory);
    }

    public void Dispose()
    {
        if (Directory.Exists(_parent))
        {
            Directory.Delete(_parent, recursive: true);
        }
    }

    private static Task<EmbeddedPostgres> StartAsync(string root) =>
        EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { RootDirectory = root, Durable = false }, TestContext.Current.CancellationToken);

    private static async Task<int> DeadProcessIdAsync()
    {
        using var process = System.Diagnostics.Process.Start("true")!;
        await process.WaitForExitAsync();
        return process.Id;
    }

    private static async Task ExecuteAsync(EmbeddedPostgres cluster, string sql)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<int> QueryAsync(EmbeddedPostgres cluster, string sql)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
