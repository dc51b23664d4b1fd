using Npgsql;

namespace WalletFlow.Tests.Infrastructure;

/// <summary>DESIGN.md's invariants of the wallet core, on top of the ledger's (<see cref="InvariantChecks"/>), asserted after a scenario.</summary>
public static class WalletCoreInvariants
{
    public static async Task AssertHoldAsync(NpgsqlDataSource database, string ledger = "main") =>
        Assert.Empty(await InvariantChecks.WalletCoreViolationsAsync(database, ledger));
}
