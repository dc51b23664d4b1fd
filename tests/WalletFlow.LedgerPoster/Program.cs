using System.Globalization;
using Npgsql;
using WalletFlow.Ledger;
using WalletFlow.Ledger.Embedded;

// Posts batches of three-leg transactions into a ledger, forever, printing "committed N" after each batch; the crash
// test kills it with SIGKILL at a moment of its choosing and then inspects the books.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: WalletFlow.LedgerPoster <connection string> <ledger> <batch size>");
    return 2;
}

var (connectionString, book, batchSize) = (args[0], args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
await using var dataSource = NpgsqlDataSource.Create(connectionString);
var ledger = new EmbeddedLedger(dataSource, TimeProvider.System);
await ledger.CreateLedgerAsync(book);

for (var batch = 1; ; batch++)
{
    var requests = Enumerable.Range(0, batchSize).Select(i => TransactionRequest.FromPostings(
        new Posting("world", $"wallets:c{i % 10}:available", 300, "USD/2"),
        new Posting($"wallets:c{i % 10}:available", $"wallets:d{i % 10}:available", 200, "USD/2"),
        new Posting($"wallets:d{i % 10}:available", "fees:transfer", 1, "USD/2"))).ToList();
    var results = await ledger.PostBatchAsync(book, requests);
    if (results.Any(result => !result.IsSuccess))
    {
        Console.Error.WriteLine(results.First(result => !result.IsSuccess).Error);
        return 1;
    }

    Console.WriteLine($"committed {batch}");
}
