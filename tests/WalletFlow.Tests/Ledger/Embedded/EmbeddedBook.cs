using Npgsql;
using WalletFlow.Ledger.Embedded;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Ledger.Embedded;

/// <summary>An embedded ledger with one book on a fresh database; disposing it checks DESIGN.md's invariants on that book.</summary>
public sealed class EmbeddedBook : IAsyncDisposable
{
    public const string Name = "main";

    private EmbeddedBook(NpgsqlDataSource database)
    {
        Database = database;
        Ledger = new EmbeddedLedger(database, TimeProvider.System);
    }

    public NpgsqlDataSource Database { get; }

    public EmbeddedLedger Ledger { get; }

    public static async Task<EmbeddedBook> CreateAsync(PostgresFixture postgres, string owner, int maxPoolSize = 100)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync(owner)) { MaxPoolSize = maxPoolSize };
        var book = new EmbeddedBook(NpgsqlDataSource.Create(connectionString.ConnectionString));
        await book.Ledger.CreateLedgerAsync(Name);
        return book;
    }

    public async ValueTask DisposeAsync()
    {
        await LedgerInvariants.AssertHoldAsync(Database, Name);
        await Database.DisposeAsync();
    }
}
