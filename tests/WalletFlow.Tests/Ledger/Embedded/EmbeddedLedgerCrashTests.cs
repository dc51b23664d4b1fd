using System.Diagnostics;
using Npgsql;
using WalletFlow.Postgres.Embedded;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Ledger.Embedded;

public sealed class EmbeddedLedgerCrashTests(PostgresFixture postgres)
{
    private const string Book = "crash";
    private const int BatchSize = 50;

    [Theory]
    [InlineData(3)]
    [InlineData(11)]
    public async Task A_poster_killed_in_the_middle_of_its_batches_leaves_no_partial_transaction(int batchesBeforeKill)
    {
        var connectionString = await postgres.CreateDatabaseAsync(nameof(EmbeddedLedgerCrashTests));
        var startInfo = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { RepositoryPaths.BuildOutput("WalletFlow.LedgerPoster", "tests"), connectionString, Book, BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var poster = Process.Start(startInfo)!;
        var committed = 0;
        while (committed < batchesBeforeKill && await poster.StandardOutput.ReadLineAsync() is { } line)
        {
            committed = int.Parse(line["committed ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        }

        // The next batch is in flight: kill the poster without a chance to clean up.
        UnixProcess.Signal(poster.Id, UnixProcess.SigKill);
        await poster.WaitForExitAsync();
        Assert.True(committed >= batchesBeforeKill, $"the poster stopped early: {await poster.StandardError.ReadToEndAsync()}");

        await using var database = NpgsqlDataSource.Create(connectionString);
        var transactions = await ScalarAsync(database, "select count(*) from ledger.transactions where ledger = 'crash'");
        Assert.Equal(0, transactions % BatchSize);
        Assert.True(transactions >= committed * BatchSize);
        Assert.Equal(0, await ScalarAsync(database, """
            select count(*) from (select transaction_id from ledger.postings where ledger = 'crash' group by transaction_id having count(*) <> 3) partial
            """));
        Assert.Equal(transactions * 3, await ScalarAsync(database, "select count(*) from ledger.postings where ledger = 'crash'"));
        await LedgerInvariants.AssertHoldAsync(database, Book);
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
