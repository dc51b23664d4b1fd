using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;
using WalletFlow.Persistence.Commands;

namespace WalletFlow.Persistence.Corrections;

/// <summary>The row that records a reversal on the reversing command's claim in <c>core.commands</c>.</summary>
internal static class ReversalRows
{
    /// <summary>The unique constraint that lets a command be reversed once; a concurrent reversal breaks it first.</summary>
    private const string ReversedOnce = "commands_reverses_command_id_key";

    public static ChangeStatement Record(RecordReversal reversal, PlannedCommand command) => new(
        ChangeStatement.Sql("update core.commands set reverses_command_id = $2 where id = $1", command.Id.ToString(), reversal.OriginalCommandId),
        WhenUnchanged: () => new Error(ErrorCodes.AlreadyReversed, $"Transaction {reversal.OriginalCommandId} was already reversed.", "transactionId"),
        RefusingConstraint: ReversedOnce);
}
