using WalletFlow.Domain.Errors;
using WalletFlow.Ledger;

namespace WalletFlow.Tests.Ledger.Contract;

/// <summary>The contract's ledger listing, per-ledger transaction ids, volumes over a window, and bulks.</summary>
public abstract partial class LedgerContract
{
    private const string Eur = "EUR/2";

    [Fact]
    public async Task Listing_ledgers_pages_through_every_ledger_exactly_once()
    {
        string[] mine = [$"{Book}-c", $"{Book}-a", $"{Book}-b"];
        foreach (var name in mine)
        {
            Succeeded(await Ledger.CreateLedgerAsync(name));
        }

        var listed = await EveryPageAsync(cursor => Ledger.ListLedgersAsync(new LedgerQuery { PageSize = 5, Cursor = cursor }));

        var names = listed.Select(ledger => ledger.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal([Book, .. mine.Order(StringComparer.Ordinal)], names.Where(name => name.StartsWith(Book, StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.InRange(listed.Single(ledger => ledger.Name == Book).AddedAt, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(5));
    }

    [Fact]
    public async Task Each_ledger_numbers_its_own_transactions()
    {
        var other = $"{Book}-other";
        Succeeded(await Ledger.CreateLedgerAsync(other));

        var first = await FundAsync("users:ida", 1);
        for (var i = 0; i < 3; i++)
        {
            Succeeded(await Ledger.PostAsync(other, TransactionRequest.FromPostings(new Posting("world", "users:ida", 1, Usd))));
        }

        var second = await FundAsync("users:ida", 1);

        Assert.Equal(first.Transaction.Id + 1, second.Transaction.Id);
    }

    [Fact]
    public async Task Volumes_without_a_window_are_what_each_account_received_and_sent_until_now()
    {
        await FundAsync("users:ann", 500);
        await PostAsync(TransactionRequest.FromPostings(new Posting("users:ann", "users:ben", 200, Usd)));
        await PostAsync(TransactionRequest.FromPostings(new Posting("world", "users:ben", 7, Eur)));

        var rows = await VolumesAsync(new VolumesQuery { Account = "users:" });

        Assert.Equal(
        [
            new AccountVolumes("users:ann", Usd, new Volumes(500, 200)),
            new AccountVolumes("users:ben", Eur, new Volumes(7, 0)),
            new AccountVolumes("users:ben", Usd, new Volumes(200, 0)),
        ], rows);
        Assert.Equal(new AccountVolumes("world", Usd, new Volumes(0, 500)), Assert.Single(await VolumesAsync(new VolumesQuery { Account = "world", Asset = Usd })));
    }

    [Fact]
    public async Task Volumes_in_a_window_count_only_the_postings_effective_from_its_start_until_before_its_end()
    {
        var day = new DateTimeOffset(DateTimeOffset.UtcNow.Date.AddDays(-10), TimeSpan.Zero);
        await PostAsync(TransactionRequest.FromPostings(new Posting("world", "users:cat", 100, Usd)) with { Timestamp = day });
        await PostAsync(TransactionRequest.FromPostings(new Posting("world", "users:cat", 40, Usd)) with { Timestamp = day.AddDays(1) });
        await PostAsync(TransactionRequest.FromPostings(new Posting("users:cat", "users:dan", 30, Usd)) with { Timestamp = day.AddDays(1).AddHours(1) });
        await PostAsync(TransactionRequest.FromPostings(new Posting("world", "users:cat", 5, Usd)) with { Timestamp = day.AddDays(2) });

        var window = await VolumesAsync(new VolumesQuery { StartTime = day.AddDays(1), EndTime = day.AddDays(2) });
        var since = await VolumesAsync(new VolumesQuery { StartTime = day.AddDays(2) });
        var until = await VolumesAsync(new VolumesQuery { EndTime = day.AddDays(1) });

        Assert.Equal(
        [
            new AccountVolumes("users:cat", Usd, new Volumes(40, 30)),
            new AccountVolumes("users:dan", Usd, new Volumes(30, 0)),
            new AccountVolumes("world", Usd, new Volumes(0, 40)),
        ], window);
        Assert.Equal(window.Aggregate(System.Numerics.BigInteger.Zero, (sum, row) => sum + row.Volumes.Input), window.Aggregate(System.Numerics.BigInteger.Zero, (sum, row) => sum + row.Volumes.Output));
        Assert.Equal([new AccountVolumes("users:cat", Usd, new Volumes(5, 0)), new AccountVolumes("world", Usd, new Volumes(0, 5))], since);
        Assert.Equal([new AccountVolumes("users:cat", Usd, new Volumes(100, 0)), new AccountVolumes("world", Usd, new Volumes(0, 100))], until);
    }

    [Fact]
    public async Task Volumes_by_insertion_date_count_what_was_written_in_the_window_whatever_its_effective_date()
    {
        var longAgo = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await PostAsync(TransactionRequest.FromPostings(new Posting("world", "users:eve", 10, Usd)) with { Timestamp = longAgo });
        var around = new VolumesQuery { Account = "users:eve", StartTime = DateTimeOffset.UtcNow.AddHours(-1), EndTime = DateTimeOffset.UtcNow.AddHours(1) };

        Assert.Equal([new AccountVolumes("users:eve", Usd, new Volumes(10, 0))], await VolumesAsync(around with { InsertionDate = true }));
        Assert.Empty(await VolumesAsync(around));
        Assert.Equal([new AccountVolumes("users:eve", Usd, new Volumes(10, 0))], await VolumesAsync(around with { StartTime = longAgo, EndTime = longAgo.AddDays(1) }));
    }

    [Fact]
    public async Task Volumes_grouped_by_their_first_segments_sum_the_accounts_under_each_prefix()
    {
        await FundAsync("users:fay:main", 100);
        await FundAsync("users:fay:savings", 30);
        await FundAsync("users:gus:main", 5);
        await PostAsync(TransactionRequest.FromPostings(new Posting("users:fay:main", "users:gus:main", 20, Usd)));

        Assert.Equal(
        [
            new AccountVolumes("users:fay", Usd, new Volumes(130, 20)),
            new AccountVolumes("users:gus", Usd, new Volumes(25, 0)),
        ], await VolumesAsync(new VolumesQuery { Account = "users::", GroupBy = 2 }));
        Assert.Equal([new AccountVolumes("users", Usd, new Volumes(155, 20))], await VolumesAsync(new VolumesQuery { Account = "users::", GroupBy = 1 }));
        Assert.Equal([new AccountVolumes("world", Usd, new Volumes(0, 135))], await VolumesAsync(new VolumesQuery { Account = "world", GroupBy = 3 }));
    }

    [Fact]
    public async Task Volumes_page_through_every_account_and_asset_exactly_once_and_filter_by_asset()
    {
        for (var i = 0; i < 5; i++)
        {
            await FundAsync($"users:p{i}", 10 + i);
            await PostAsync(TransactionRequest.FromPostings(new Posting("world", $"users:p{i}", 20 + i, Eur)));
        }

        var rows = await EveryPageAsync(cursor => Ledger.ListVolumesAsync(Book, new VolumesQuery { Account = "users:", PageSize = 3, Cursor = cursor }));
        var euros = await VolumesAsync(new VolumesQuery { Account = "users:", Asset = Eur });

        Assert.Equal(
            Enumerable.Range(0, 5).SelectMany(i => new[] { new AccountVolumes($"users:p{i}", Eur, new Volumes(20 + i, 0)), new AccountVolumes($"users:p{i}", Usd, new Volumes(10 + i, 0)) }),
            rows);
        Assert.Equal(rows.Where(row => row.Asset == Eur), euros);
    }

    [Fact]
    public async Task A_bulk_applies_its_actions_in_order_each_answering_its_own_result()
    {
        await FundAsync("users:hal", 100);

        var results = Succeeded(await Ledger.ApplyBulkAsync(Book,
        [
            new CreateTransactionAction(TransactionRequest.FromPostings(new Posting("world", "users:ivy", 10, Usd))),
            new CreateTransactionAction(TransactionRequest.FromPostings(new Posting("users:ivy", "users:hal", 1_000, Usd))),
            new SetMetadataAction(new AccountTarget("users:hal"), new Dictionary<string, string> { ["tier"] = "gold" }),
        ], new BulkOptions(Atomic: false, ContinueOnFailure: true)));

        Assert.Equal(3, results.Count);
        Assert.Equal([new Posting("world", "users:ivy", 10, Usd)], Succeeded(results[0]).Posted!.Transaction.Postings);
        Assert.Equal(ErrorCodes.InsufficientFunds, Failed(results[1]).Code);
        Assert.Null(Succeeded(results[2]).Posted);
        Assert.Equal(10, await BalanceAsync("users:ivy"));
        Assert.Equal(100, await BalanceAsync("users:hal"));
        Assert.Equal("gold", Succeeded(await Ledger.GetAccountAsync(Book, "users:hal")).Metadata["tier"]);
    }

    [Fact]
    public async Task A_bulk_stops_at_its_first_failure_unless_asked_to_continue()
    {
        BulkAction[] actions =
        [
            new CreateTransactionAction(TransactionRequest.FromPostings(new Posting("users:jon", "users:kim", 5, Usd))),
            new CreateTransactionAction(TransactionRequest.FromPostings(new Posting("world", "users:kim", 5, Usd))),
        ];

        var stopped = Succeeded(await Ledger.ApplyBulkAsync(Book, actions, new BulkOptions(Atomic: false, ContinueOnFailure: false)));

        Assert.Equal(ErrorCodes.InsufficientFunds, Failed(stopped[0]).Code);
        Assert.Equal(LedgerErrors.NotAttemptedCode, Failed(stopped[1]).Code);
        Assert.Equal(0, await BalanceAsync("users:kim"));
        Assert.Empty(await AllTransactionsAsync());
    }

    [Fact]
    public async Task An_atomic_bulk_with_a_failing_action_writes_nothing_and_says_so_for_every_other_action()
    {
        var original = (await FundAsync("users:lea", 100)).Transaction;

        var results = Succeeded(await Ledger.ApplyBulkAsync(Book,
        [
            new CreateTransactionAction(TransactionRequest.FromPostings(new Posting("world", "users:max", 50, Usd))),
            new RevertTransactionAction(new RevertRequest(original.Id)),
            new SetMetadataAction(new TransactionTarget(original.Id), new Dictionary<string, string> { ["audited"] = "yes" }),
            new CreateTransactionAction(TransactionRequest.FromPostings(new Posting("users:max", "users:lea", 500, Usd))),
        ], new BulkOptions(Atomic: true, ContinueOnFailure: false)));

        Assert.Equal([LedgerErrors.RolledBackCode, LedgerErrors.RolledBackCode, LedgerErrors.RolledBackCode, ErrorCodes.InsufficientFunds], results.Select(result => Failed(result).Code));
        Assert.Equal(100, await BalanceAsync("users:lea"));
        Assert.Equal(0, await BalanceAsync("users:max"));
        var unchanged = Assert.Single(await AllTransactionsAsync());
        Assert.False(unchanged.Reverted);
        Assert.DoesNotContain("audited", unchanged.Metadata.Keys);
    }

    [Fact]
    public async Task An_atomic_bulk_of_metadata_changes_alone_is_all_or_nothing_too()
    {
        await FundAsync("users:quinn", 1);

        var results = Succeeded(await Ledger.ApplyBulkAsync(Book,
        [
            new SetMetadataAction(new AccountTarget("users:quinn"), new Dictionary<string, string> { ["tier"] = "gold" }),
            new DeleteMetadataAction(new TransactionTarget(999_999_999), "k"),
        ], new BulkOptions(Atomic: true, ContinueOnFailure: false)));

        Assert.Equal([LedgerErrors.RolledBackCode, ErrorCodes.NotFound], results.Select(result => Failed(result).Code));
        Assert.Empty(Succeeded(await Ledger.GetAccountAsync(Book, "users:quinn")).Metadata);
    }

    [Fact]
    public async Task An_atomic_bulk_whose_actions_all_succeed_writes_them_all()
    {
        var original = (await FundAsync("users:ned", 100)).Transaction;
        Succeeded(await Ledger.SetAccountMetadataAsync(Book, "users:ned", new Dictionary<string, string> { ["tmp"] = "1" }));

        var results = Succeeded(await Ledger.ApplyBulkAsync(Book,
        [
            new CreateTransactionAction(TransactionRequest.FromPostings(new Posting("world", "users:oli", 50, Usd)) with { IdempotencyKey = $"{Book}-bulk" }),
            new RevertTransactionAction(new RevertRequest(original.Id)),
            new SetMetadataAction(new TransactionTarget(original.Id), new Dictionary<string, string> { ["audited"] = "yes" }),
            new DeleteMetadataAction(new AccountTarget("users:ned"), "tmp"),
        ], new BulkOptions(Atomic: true, ContinueOnFailure: false)));

        Assert.All(results, result => Succeeded(result));
        var reversal = Succeeded(results[1]).Posted!.Transaction;
        Assert.Equal(original.Id, reversal.RevertsTransactionId);
        Assert.Equal(0, await BalanceAsync("users:ned"));
        Assert.Equal(50, await BalanceAsync("users:oli"));
        var reverted = Succeeded(await Ledger.GetTransactionAsync(Book, original.Id));
        Assert.Equal(reversal.Id, reverted.RevertedByTransactionId);
        Assert.Equal("yes", reverted.Metadata["audited"]);
        Assert.Empty(Succeeded(await Ledger.GetAccountAsync(Book, "users:ned")).Metadata);
    }

    [Fact]
    public async Task Volumes_and_bulks_of_an_unknown_ledger_are_refused_as_ledger_not_found()
    {
        var unknown = $"{Book}-missing";

        Assert.Equal(LedgerErrors.LedgerNotFoundCode, Failed(await Ledger.ListVolumesAsync(unknown, new VolumesQuery())).Code);
        Assert.Equal(LedgerErrors.LedgerNotFoundCode, Failed(await Ledger.ApplyBulkAsync(unknown,
            [new CreateTransactionAction(TransactionRequest.FromPostings(new Posting("world", "users:pam", 1, Usd)))],
            new BulkOptions(Atomic: true, ContinueOnFailure: false))).Code);
    }

    private async Task<List<AccountVolumes>> VolumesAsync(VolumesQuery query) =>
        [.. Succeeded(await Ledger.ListVolumesAsync(Book, query with { PageSize = 100 })).Items];
}
