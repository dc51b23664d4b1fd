using Npgsql;
using WalletFlow.Ledger;
using WalletFlow.Ledger.Embedded;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Ledger.Contract;

/// <summary>The contract against the embedded ledger, called directly; the ledger invariants are checked after every test.</summary>
public sealed class EmbeddedLedgerContractTests(EmbeddedLedgerContractTests.Database database) : LedgerContract, IClassFixture<EmbeddedLedgerContractTests.Database>
{
    protected override ValueTask<ILedger> ConnectAsync() => ValueTask.FromResult<ILedger>(new EmbeddedLedger(database.DataSource, TimeProvider.System));

    protected override Task AfterEachTestAsync(string book) => LedgerInvariants.AssertHoldAsync(database.DataSource, book);

    /// <summary>One database for the class; every test has a ledger of its own in it.</summary>
    public sealed class Database(PostgresFixture postgres) : IAsyncLifetime
    {
        public NpgsqlDataSource DataSource { get; private set; } = null!;

        public async ValueTask InitializeAsync() => DataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync(nameof(EmbeddedLedgerContractTests)));

        public ValueTask DisposeAsync() => DataSource.DisposeAsync();
    }
}
