using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Controls;
using WalletFlow.Persistence.Controls;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Persistence.Controls;

public sealed class PostgresFeatureFlagStoreTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly (FlagScopeType, string)[] Acme = [(FlagScopeType.Merchant, "acme")];

    private NpgsqlDataSource _database = null!;

    public async ValueTask InitializeAsync() => _database = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync(nameof(PostgresFeatureFlagStoreTests)));

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task While_listening_a_check_keeps_a_copy_and_a_change_committed_elsewhere_drops_it_moments_later()
    {
        await using var listening = await ListeningAsync();
        var store = new PostgresFeatureFlagStore(_database, listening.Snapshot);

        Assert.Empty(await store.ReadAsync(FeatureFlags.CoreWalletEnabled, Acme, CancellationToken.None));
        Assert.NotNull(listening.Snapshot.Current.Flags);

        await SwitchOffAsync("acme");
        await WaitUntilAsync(() => listening.Snapshot.Current.Flags is null);

        var read = Assert.Single(await store.ReadAsync(FeatureFlags.CoreWalletEnabled, Acme, CancellationToken.None));
        Assert.False(read.Enabled);
        Assert.NotNull(listening.Snapshot.Current.Flags);
    }

    [Fact]
    public async Task A_copy_read_before_a_change_is_not_kept_after_it()
    {
        await using var listening = await ListeningAsync();
        var (_, before) = listening.Snapshot.Current;
        var stale = await new PostgresFeatureFlagStore(_database, listening.Snapshot).ListAsync(CancellationToken.None);

        await SwitchOffAsync("acme");
        await WaitUntilAsync(() => listening.Snapshot.Current.Generation != before);
        listening.Snapshot.Install(stale, before);

        Assert.Null(listening.Snapshot.Current.Flags);
        var read = Assert.Single(await new PostgresFeatureFlagStore(_database, listening.Snapshot).ReadAsync(FeatureFlags.CoreWalletEnabled, Acme, CancellationToken.None));
        Assert.False(read.Enabled);
    }

    [Fact]
    public async Task Without_listening_no_copy_is_kept_and_every_check_reads_the_table()
    {
        var snapshot = new FeatureFlagSnapshot(_database, TimeProvider.System, NullLogger<FeatureFlagSnapshot>.Instance);
        var store = new PostgresFeatureFlagStore(_database, snapshot);

        Assert.Empty(await store.ReadAsync(FeatureFlags.CoreWalletEnabled, Acme, CancellationToken.None));
        await SwitchOffAsync("acme");

        Assert.Null(snapshot.Current.Flags);
        Assert.Single(await store.ReadAsync(FeatureFlags.CoreWalletEnabled, Acme, CancellationToken.None));
    }

    [Fact]
    public async Task Invalidating_drops_the_copy_at_once_for_a_change_this_process_committed()
    {
        await using var listening = await ListeningAsync();
        var store = new PostgresFeatureFlagStore(_database, listening.Snapshot);
        await store.ReadAsync(FeatureFlags.CoreWalletEnabled, Acme, CancellationToken.None);

        store.Invalidate();

        Assert.Null(listening.Snapshot.Current.Flags);
    }

    /// <summary>A started snapshot, once its listen is in place.</summary>
    private async Task<Listening> ListeningAsync()
    {
        var snapshot = new FeatureFlagSnapshot(_database, TimeProvider.System, NullLogger<FeatureFlagSnapshot>.Instance);
        await snapshot.StartAsync(CancellationToken.None);
        await WaitUntilAsync(() => snapshot.Listening);
        return new Listening(snapshot);
    }

    private async Task SwitchOffAsync(string merchant)
    {
        await using var insert = _database.CreateCommand("""
            insert into core.feature_flags (flag, scope_type, scope_value, enabled, reason, updated_at)
            values ('core_wallet_enabled', 'merchant', $1, false, 'switched at psql', now())
            """);
        insert.Parameters.Add(new NpgsqlParameter { Value = merchant });
        await insert.ExecuteNonQueryAsync();
    }

    /// <summary>Within 5 s: a notification takes milliseconds, but a test machine running the whole suite may stall.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 5 s.");
            await Task.Delay(5);
        }
    }

    private sealed record Listening(FeatureFlagSnapshot Snapshot) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Snapshot.StopAsync(CancellationToken.None);
            Snapshot.Dispose();
        }
    }
}
