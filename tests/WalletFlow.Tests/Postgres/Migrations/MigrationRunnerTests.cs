using Npgsql;
using WalletFlow.Postgres.Migrations;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Postgres.Migrations;

public sealed class MigrationRunnerTests(PostgresFixture postgres)
{
    private static readonly Migration CreateAccounts = new(1, "accounts", "create table accounts (id int primary key)");
    private static readonly Migration CreateEntries = new(2, "entries", "create table entries (account_id int not null references accounts (id))");
    private static readonly Migration AddIndex = new(3, "entries_index", "create index entries_by_account on entries (account_id)");

    [Fact]
    public async Task Migrations_are_applied_in_version_order_whatever_order_they_are_given_in()
    {
        await using var database = await NewDatabaseAsync();

        var applied = await new MigrationRunner(database, [AddIndex, CreateEntries, CreateAccounts]).ApplyAsync(TestContext.Current.CancellationToken);

        Assert.Equal([1, 2, 3], applied.Select(migration => migration.Version));
        Assert.Equal([1, 2, 3], await AppliedVersionsAsync(database));
    }

    [Fact]
    public async Task A_current_database_is_left_as_it_is()
    {
        await using var database = await NewDatabaseAsync();
        await new MigrationRunner(database, [CreateAccounts, CreateEntries]).ApplyAsync(TestContext.Current.CancellationToken);

        var second = await new MigrationRunner(database, [CreateAccounts, CreateEntries]).ApplyAsync(TestContext.Current.CancellationToken);
        var third = await new MigrationRunner(database, [CreateAccounts, CreateEntries, AddIndex]).ApplyAsync(TestContext.Current.CancellationToken);

        Assert.Empty(second);
        Assert.Equal([3], third.Select(migration => migration.Version));
    }

    [Fact]
    public async Task Concurrent_start_ups_apply_each_migration_exactly_once()
    {
        await using var database = await NewDatabaseAsync();
        // Re-running any of these would fail ("already exists"), so a double application cannot hide.
        Migration[] migrations = [CreateAccounts, CreateEntries, AddIndex];

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => new MigrationRunner(database, migrations).ApplyAsync())));

        Assert.Equal(3, results.Sum(applied => applied.Count));
        Assert.Equal([1, 2, 3], await AppliedVersionsAsync(database));
    }

    [Fact]
    public async Task A_database_with_a_migration_this_build_does_not_know_is_refused()
    {
        await using var database = await NewDatabaseAsync();
        await new MigrationRunner(database, [CreateAccounts, CreateEntries, AddIndex]).ApplyAsync(TestContext.Current.CancellationToken);

        var refusal = await Assert.ThrowsAsync<MigrationException>(() => new MigrationRunner(database, [CreateAccounts, CreateEntries]).ApplyAsync());

        Assert.Contains("0003_entries_index", refusal.Message);
        Assert.Contains("does not know", refusal.Message);
    }

    [Fact]
    public async Task A_migration_changed_after_it_was_applied_is_refused()
    {
        await using var database = await NewDatabaseAsync();
        await new MigrationRunner(database, [CreateAccounts]).ApplyAsync(TestContext.Current.CancellationToken);
        var edited = CreateAccounts with { Sql = "create table accounts (id bigint primary key)" };

        var refusal = await Assert.ThrowsAsync<MigrationException>(() => new MigrationRunner(database, [edited, CreateEntries]).ApplyAsync());

        Assert.Contains("0001_accounts was changed", refusal.Message);
        Assert.Equal([1], await AppliedVersionsAsync(database));
    }

    [Fact]
    public async Task A_failing_migration_leaves_nothing_of_itself_and_names_itself()
    {
        await using var database = await NewDatabaseAsync();
        var broken = new Migration(2, "half_done", "create table half (id int); select * from no_such_table");

        var failure = await Assert.ThrowsAsync<MigrationException>(() => new MigrationRunner(database, [CreateAccounts, broken]).ApplyAsync());

        Assert.Contains("0002_half_done", failure.Message);
        Assert.Equal([1], await AppliedVersionsAsync(database));
        Assert.Equal(0L, await ScalarAsync<long>(database, "select count(*) from pg_tables where tablename = 'half'"));
    }

    [Fact]
    public void Two_migrations_with_one_version_are_refused()
    {
        var clash = new Migration(1, "other", "select 1");

        var refusal = Assert.Throws<MigrationException>(() => MigrationCatalog.Ordered([CreateAccounts, clash]));

        Assert.Contains("0001", refusal.Message);
    }

    [Fact]
    public void The_embedded_catalog_holds_this_builds_migrations_in_order()
    {
        var versions = MigrationCatalog.Embedded.Select(migration => migration.Version).ToList();

        Assert.NotEmpty(versions);
        Assert.Equal(1, versions[0]);
        Assert.Equal(versions.Order(), versions);
        Assert.All(MigrationCatalog.Embedded, migration => Assert.False(string.IsNullOrWhiteSpace(migration.Sql)));
    }

    [Fact]
    public async Task The_embedded_migrations_apply_to_an_empty_database()
    {
        await using var database = await NewDatabaseAsync();

        var applied = await new MigrationRunner(database).ApplyAsync(TestContext.Current.CancellationToken);

        Assert.Equal(MigrationCatalog.Embedded.Count, applied.Count);
        Assert.Equal(2L, await ScalarAsync<long>(database, "select count(*) from information_schema.schemata where schema_name in ('ledger', 'core')"));
    }

    private async Task<NpgsqlDataSource> NewDatabaseAsync() =>
        NpgsqlDataSource.Create(await postgres.CreateEmptyDatabaseAsync(nameof(MigrationRunnerTests)));

    private static async Task<List<int>> AppliedVersionsAsync(NpgsqlDataSource database)
    {
        var versions = new List<int>();
        await using var command = database.CreateCommand("select version from schema_migrations order by applied_at, version");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
