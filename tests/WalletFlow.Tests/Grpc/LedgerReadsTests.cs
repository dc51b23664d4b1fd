using System.Numerics;
using WalletFlow.Api.Grpc.Contracts;
using WalletFlow.Api.Grpc.Ledger;
using WalletFlow.Ledger;
using WalletFlow.Tests.Infrastructure;
using Posting = WalletFlow.Ledger.Posting;
using Volumes = WalletFlow.Api.Grpc.Contracts.Volumes;

namespace WalletFlow.Tests.Grpc;

/// <summary><c>walletflow.v1.LedgerReads</c> over the wire: what the ledger holds, as the gRPC front reports it.</summary>
public sealed class LedgerReadsTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string Service = "/walletflow.v1.LedgerReads/";
    private GrpcApi _api = null!;
    private GrpcCaller _client = null!;

    public async ValueTask InitializeAsync()
    {
        _api = await GrpcApi.StartAsync(postgres, nameof(LedgerReadsTests));
        _client = _api.Client();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task GetAccount_returns_the_volumes_per_asset_as_exact_decimal_strings()
    {
        var beyondInt64 = BigInteger.Parse("123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture);
        await PostAsync(new Posting("world", "users:alice", 1000, "USD/2"), new Posting("world", "users:alice", beyondInt64, "ETH/18"));
        await PostAsync(new Posting("users:alice", "users:bob", 250, "USD/2"));

        var reply = await _client.CallAsync(Service + "GetAccount", new GetAccountRequest { Address = "users:alice" });

        Assert.Equal(0, reply.Status);
        var account = reply.Single(Account.Parser);
        Assert.Equal("users:alice", account.Address);
        Assert.Equal(new Volumes { Input = "1000", Output = "250", Balance = "750" }, account.Volumes["USD/2"]);
        Assert.Equal("123456789012345678901234567890", account.Volumes["ETH/18"].Balance);
    }

    [Fact]
    public async Task GetAccount_of_an_address_never_used_has_no_volumes()
    {
        var reply = await _client.CallAsync(Service + "GetAccount", new GetAccountRequest { Address = "users:nobody" });

        Assert.Equal(0, reply.Status);
        Assert.Empty(reply.Single(Account.Parser).Volumes);
    }

    [Fact]
    public async Task GetAccount_without_an_address_is_an_invalid_argument()
    {
        var reply = await _client.CallAsync(Service + "GetAccount", new GetAccountRequest());

        Assert.Equal(3, reply.Status);
        Assert.StartsWith("VALIDATION: ", reply.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAccount_in_a_ledger_that_does_not_exist_is_not_found_with_the_ledger_code()
    {
        var reply = await _client.CallAsync(Service + "GetAccount", new GetAccountRequest { Ledger = "nowhere", Address = "users:alice" });

        Assert.Equal(5, reply.Status);
        Assert.StartsWith("LEDGER_NOT_FOUND: ", reply.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTransaction_returns_the_postings_metadata_and_reference()
    {
        var posted = await _api.Ledger.PostAsync(DefaultLedger.Name, new TransactionRequest
        {
            Postings = [new Posting("world", "users:alice", 1000, "USD/2")],
            Metadata = new Dictionary<string, string> { ["purpose"] = "top-up" },
            Reference = "payin-1",
        });

        var reply = await _client.CallAsync(Service + "GetTransaction", new GetTransactionRequest { Id = posted.Value.Transaction.Id });

        Assert.Equal(0, reply.Status);
        var transaction = reply.Single(Transaction.Parser);
        Assert.Equal(posted.Value.Transaction.Id, transaction.Id);
        Assert.Equal(new Api.Grpc.Contracts.Posting { Source = "world", Destination = "users:alice", Amount = "1000", Asset = "USD/2" }, Assert.Single(transaction.Postings));
        Assert.Equal("top-up", transaction.Metadata["purpose"]);
        Assert.Equal("payin-1", transaction.Reference);
        Assert.False(transaction.HasRevertedByTransactionId);
        Assert.Equal(posted.Value.Transaction.Timestamp, transaction.Timestamp.ToDateTimeOffset());
    }

    [Fact]
    public async Task GetTransaction_of_an_unknown_id_is_not_found_with_the_walletflow_code_first()
    {
        var reply = await _client.CallAsync(Service + "GetTransaction", new GetTransactionRequest { Id = 4242 });

        Assert.Equal(5, reply.Status);
        Assert.Equal("NOT_FOUND: Transaction 4242 does not exist.", reply.Message);
        Assert.Empty(reply.Messages);
    }

    [Fact]
    public async Task ListTransactions_streams_every_transaction_newest_first_across_pages()
    {
        for (var amount = 1; amount <= 7; amount++)
        {
            await PostAsync(new Posting("world", $"users:u{amount}", amount, "USD/2"));
        }

        var reply = await _client.CallAsync(Service + "ListTransactions", new ListTransactionsRequest { PageSize = 3 });

        Assert.Equal(0, reply.Status);
        var streamed = reply.All(Transaction.Parser);
        Assert.Equal(["7", "6", "5", "4", "3", "2", "1"], streamed.Select(transaction => transaction.Postings.Single().Amount));
    }

    [Fact]
    public async Task ListTransactions_filters_by_account_and_ends_cleanly_when_nothing_matches()
    {
        await PostAsync(new Posting("world", "users:alice", 5, "USD/2"));
        await PostAsync(new Posting("world", "users:bob", 6, "USD/2"));

        var alice = await _client.CallAsync(Service + "ListTransactions", new ListTransactionsRequest { Account = "users:alice" });
        var nobody = await _client.CallAsync(Service + "ListTransactions", new ListTransactionsRequest { Account = "users:nobody" });

        Assert.Equal("users:alice", Assert.Single(alice.All(Transaction.Parser)).Postings.Single().Destination);
        Assert.Equal(0, nobody.Status);
        Assert.Empty(nobody.Messages);
    }

    [Fact]
    public async Task ListTransactions_with_a_page_size_out_of_range_is_an_invalid_argument()
    {
        var reply = await _client.CallAsync(Service + "ListTransactions", new ListTransactionsRequest { PageSize = 5000 });

        Assert.Equal(3, reply.Status);
    }

    private async Task PostAsync(params Posting[] postings) =>
        Assert.True((await _api.Ledger.PostAsync(DefaultLedger.Name, TransactionRequest.FromPostings(postings))).IsSuccess);
}
