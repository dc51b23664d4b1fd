using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;
using WalletFlow.Persistence.Commands;

namespace WalletFlow.Persistence.Statements;

/// <summary>The row <c>rebuildStatements</c> writes to <c>core.statement_rebuilds</c>, counting the wallets it will go through.</summary>
internal static class StatementRebuildRows
{
    /// <summary>One rebuild runs at a time: a second request while one runs breaks the partial unique index, and is refused.</summary>
    public static ChangeStatement Start(StartStatementRebuild rebuild) => new(
        ChangeStatement.Sql(
            "insert into core.statement_rebuilds (id, wallets_total, requested_at) select $1, count(*), $2 from core.wallets",
            rebuild.RebuildId, rebuild.At),
        WhenUnchanged: Running,
        RefusingConstraint: "statement_rebuilds_one_running");

    private static Error Running() =>
        new(ErrorCodes.Conflict, "A statement rebuild is already running; wait for it to finish (GET /v1/statement-rebuilds).");
}
