using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WalletFlow.Ledger;
using WalletFlow.Ledger.Formance;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Ledger.Contract;

/// <summary>
/// The contract through the Formance adapter, pointed at the API's Formance-compatible surface (the real API,
/// in-process, on the embedded ledger): the adapter's requests and the surface's answers must fit together, over
/// HTTP, for everything the port does. The ledger invariants are checked in the database after every test.
/// </summary>
public sealed class FormanceSurfaceContractTests(FormanceSurfaceContractTests.Api api) : LedgerContract, IClassFixture<FormanceSurfaceContractTests.Api>
{
    protected override ValueTask<ILedger> ConnectAsync() => ValueTask.FromResult(api.Ledger);

    protected override Task AfterEachTestAsync(string book) => LedgerInvariants.AssertHoldAsync(api.DataSource, book);

    /// <summary>The API on a database of its own, and the adapter talking to it.</summary>
    public sealed class Api(PostgresFixture postgres) : IAsyncLifetime
    {
        private ApiFactory _factory = null!;

        public ILedger Ledger { get; private set; } = null!;

        public NpgsqlDataSource DataSource { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            _factory = await LedgerSurface.StartAsync(postgres, nameof(FormanceSurfaceContractTests));
            DataSource = _factory.Services.GetRequiredService<NpgsqlDataSource>();
            // The contract includes forced postings: the adapter holds the ledger-force credential.
            Ledger = new FormanceLedger(_factory.CreateBearerClient(LedgerSurface.ForceToken), new FormanceLedgerOptions(new Uri("http://localhost/api/ledger")));
        }

        public ValueTask DisposeAsync() => _factory.DisposeAsync();
    }
}
