using Npgsql;
using WalletFlow.Application.ConsoleAccess;
using WalletFlow.Persistence.ConsoleAccess;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Persistence.ConsoleAccess;

public sealed class PostgresConsoleAllowlistStoreTests(PostgresFixture postgres) : IAsyncLifetime
{
    private NpgsqlDataSource _database = null!;

    public async ValueTask InitializeAsync() => _database = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync(nameof(PostgresConsoleAllowlistStoreTests)));

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Nothing_is_saved_until_a_first_save_and_a_save_replaces_both_lists_whole()
    {
        var store = new PostgresConsoleAllowlistStore(_database);
        var before = await store.ReadAsync(CancellationToken.None);

        await store.SaveAsync(new SavedAllowlists(["otto@example.com", "olga@example.com"], ["ada@example.com"], "operator token", DateTimeOffset.UnixEpoch), CancellationToken.None);
        await store.SaveAsync(new SavedAllowlists(["olga@example.com"], [], "ada@example.com", DateTimeOffset.UnixEpoch.AddDays(1)), CancellationToken.None);
        var after = await store.ReadAsync(CancellationToken.None);

        Assert.Null(before);
        Assert.Equal(["olga@example.com"], after?.Allowed);
        Assert.Empty(after!.Admins);
        Assert.Equal("ada@example.com", after.SavedBy);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddDays(1), after.SavedAt);
    }

    [Theory]
    [InlineData("allowed", "Ann@example.com")]
    [InlineData("allowed", "not-an-email")]
    [InlineData("owner", "ann@example.com")]
    public async Task The_table_refuses_an_email_not_in_lower_case_or_not_an_email_and_an_unknown_list(string list, string email)
    {
        await using var command = _database.CreateCommand("insert into core.console_allowlist_emails (list, email) values ($1, $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = list });
        command.Parameters.Add(new NpgsqlParameter { Value = email });

        var failure = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.CheckViolation, failure.SqlState);
    }

    [Fact]
    public async Task An_email_is_on_a_list_once()
    {
        await using var command = _database.CreateCommand("insert into core.console_allowlist_emails (list, email) values ('admin', 'ada@example.com'), ('admin', 'ada@example.com')");

        var failure = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.UniqueViolation, failure.SqlState);
    }
}
