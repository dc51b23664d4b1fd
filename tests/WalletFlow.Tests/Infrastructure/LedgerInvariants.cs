using System.Numerics;
using Npgsql;

namespace WalletFlow.Tests.Infrastructure;

/// <summary>DESIGN.md's ledger invariants (<see cref="InvariantChecks"/>) asserted after a scenario, and a balance recomputed from the postings.</summary>
public static class LedgerInvariants
{
    public static async Task AssertHoldAsync(NpgsqlDataSource database, string ledger) =>
        Assert.Empty(await InvariantChecks.LedgerViolationsAsync(database, ledger));

    public static async Task<BigInteger> BalanceFromPostingsAsync(NpgsqlDataSource database, string ledger, string account, string asset)
    {
        await using var command = database.CreateCommand("""
            select coalesce(sum(case when destination = $2 then amount else 0 end) - sum(case when source = $2 then amount else 0 end), 0)
            from ledger.postings where ledger = $1 and asset = $3 and (source = $2 or destination = $2)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ledger });
        command.Parameters.Add(new NpgsqlParameter { Value = account });
        command.Parameters.Add(new NpgsqlParameter { Value = asset });
        return (BigInteger)(decimal)(await command.ExecuteScalarAsync())!;
    }
}
