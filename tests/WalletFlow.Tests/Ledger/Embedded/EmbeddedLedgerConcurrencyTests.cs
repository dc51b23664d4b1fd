using System.Numerics;
using WalletFlow.Domain.Errors;
using WalletFlow.Ledger;
using WalletFlow.Ledger.Embedded;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Ledger.Embedded;

public sealed class EmbeddedLedgerConcurrencyTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string Book = EmbeddedBook.Name;
    private const string Usd = "USD/2";
    private EmbeddedBook _book = null!;

    public async ValueTask InitializeAsync() => _book = await EmbeddedBook.CreateAsync(postgres, nameof(EmbeddedLedgerConcurrencyTests), maxPoolSize: 40);

    public ValueTask DisposeAsync() => _book.DisposeAsync();

    [Fact]
    public async Task Two_hundred_concurrent_transfers_out_of_one_account_succeed_exactly_as_far_as_it_can_afford()
    {
        const int affordable = 137;
        await Post(new Posting("world", "wallets:hot:available", affordable * 100, Usd));

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() =>
            _book.Ledger.PostAsync(Book, TransactionRequest.FromPostings(new Posting("wallets:hot:available", $"wallets:cold{i % 7}:available", 100, Usd))))));

        Assert.Equal(affordable, results.Count(result => result.IsSuccess));
        Assert.All(results.Where(result => !result.IsSuccess), result => Assert.Equal(ErrorCodes.InsufficientFunds, result.Error!.Code));
        Assert.Equal(0, (await _book.Ledger.GetAccountAsync(Book, "wallets:hot:available")).Value.Balance(Usd));
        Assert.Equal(affordable * 100, (await _book.Ledger.AggregateBalancesAsync(Book, "wallets::available")).Value[Usd]);
    }

    [Fact]
    public async Task Random_transfers_among_fifty_accounts_from_sixteen_workers_never_deadlock_and_conserve_the_total()
    {
        const int accounts = 50;
        var total = BigInteger.Zero;
        await _book.Ledger.PostBatchAsync(Book, Enumerable.Range(0, accounts).Select(i =>
        {
            total += 1_000;
            return TransactionRequest.FromPostings(new Posting("world", Account(i), 1_000, Usd));
        }).ToList());

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            var succeeded = 0;
            for (var i = 0; i < 60; i++)
            {
                // Multi-leg transactions over random accounts: the order of their locks differs from one to the next.
                var legs = Enumerable.Range(0, random.Next(1, 4))
                    .Select(_ => new Posting(Account(random.Next(accounts)), Account(random.Next(accounts)), random.Next(1, 400), Usd))
                    .ToArray();
                var result = await _book.Ledger.PostAsync(Book, TransactionRequest.FromPostings(legs));
                Assert.True(result.IsSuccess || result.Error!.Code == ErrorCodes.InsufficientFunds, result.Error?.ToString());
                succeeded += result.IsSuccess ? 1 : 0;
            }

            return succeeded;
        })));

        Assert.True(outcomes.Sum() > 0);
        Assert.Equal(total, (await _book.Ledger.AggregateBalancesAsync(Book, "wallets:")).Value[Usd]);
    }

    [Fact]
    public async Task Fifty_concurrent_posts_with_one_key_post_once_and_all_answer_the_same_transaction()
    {
        var request = TransactionRequest.FromPostings(new Posting("world", "wallets:once:available", 42, Usd)) with { IdempotencyKey = "payin-7" };

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => _book.Ledger.PostAsync(Book, request))));

        Assert.All(results, result => Assert.True(result.IsSuccess, result.Error?.ToString()));
        Assert.Single(results.Select(result => result.Value.Transaction.Id).Distinct());
        Assert.Equal(1, results.Count(result => !result.Value.IdempotencyHit));
        Assert.Equal(42, (await _book.Ledger.GetAccountAsync(Book, "wallets:once:available")).Value.Balance(Usd));
    }

    [Fact]
    public async Task Concurrent_reverts_of_one_transaction_revert_it_once()
    {
        var posted = await Post(new Posting("world", "wallets:rev:available", 500, Usd));

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => _book.Ledger.RevertAsync(Book, new RevertRequest(posted.Id)))));

        Assert.Equal(1, results.Count(result => result.IsSuccess));
        Assert.All(results.Where(result => !result.IsSuccess), result => Assert.Equal(LedgerErrors.AlreadyRevertedCode, result.Error!.Code));
        Assert.Equal(0, (await _book.Ledger.GetAccountAsync(Book, "wallets:rev:available")).Value.Balance(Usd));
    }

    private static string Account(int index) => $"wallets:w{index:D2}:available";

    private async Task<LedgerTransaction> Post(params Posting[] postings)
    {
        var result = await _book.Ledger.PostAsync(Book, TransactionRequest.FromPostings(postings));
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Value.Transaction;
    }
}
