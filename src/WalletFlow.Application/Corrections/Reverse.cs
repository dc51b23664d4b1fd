using Orleans;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Payouts;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Application.Corrections;

public sealed record ReverseRequest(string? TransactionId, string? Reason);

[GenerateSerializer, Alias("walletflow.data.reversal"), Immutable]
public sealed record ReversalData(string ReversedCommandId, string ReversedCommand, long ReversedLedgerTransactionId, string Reason);

/// <summary>
/// Undoes a WalletFlow transaction: every leg of its ledger transaction is reverted at once, and the original is
/// marked reversed (at most once, which the database enforces). Refused if reverting would overdraw an account.
/// </summary>
public sealed class Reverse(ICommandJournal journal) : ICommandHandler<ReverseRequest, ReversalData>
{
    private const string CommandName = "reverse";

    /// <summary>
    /// Commands whose postings a reversal must not undo: a hold's money ends through settle or release, which keep
    /// its row and its ledger account in step; and a reversal is not itself reversed.
    /// </summary>
    private static readonly HashSet<string> Irreversible = new(StringComparer.Ordinal)
    {
        ReservePayout.Descriptor.Name, SettleHold.Descriptor.Name, ReleaseHold.Descriptor.Name, CommandName,
    };

    public static CommandDescriptor Descriptor { get; } = new CommandDescriptor<ReverseRequest, ReversalData, Reverse>
    {
        Name = CommandName,
        NeedsConfirmation = true,
        Title = "Reversal",
        Summary = "Reverts every leg of a WalletFlow transaction at once; refused if that would overdraw an account.",
        Area = "Corrections",
        Route = "/reversals",
        Example = new ReverseRequest(CommandExamples.TransactionId, "Duplicate pay-in"),
        SuccessStatus = 201,
        Rejections = [ErrorCodes.InvalidId, ErrorCodes.NotFound, ErrorCodes.NotReversible, ErrorCodes.AlreadyReversed, ErrorCodes.InsufficientFunds, ErrorCodes.BalanceOutOfRange, ErrorCodes.FlagDenied],
    };

    public async Task<Result<CommandPlan<ReversalData>>> PlanAsync(ReverseRequest request, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = new RequestValidator();
        var id = fields.Read(CommandId.Parse(request.TransactionId), "transactionId");
        var reason = fields.Required(request.Reason, "reason");
        if (fields.Failed(out var error))
        {
            return error;
        }

        if (await journal.FindAsync(id, cancellationToken) is not { Receipt: { } receipt } original)
        {
            return new Error(ErrorCodes.NotFound, $"Transaction {id} does not exist.", "transactionId");
        }

        if (original.LedgerTransactionId is not { } ledgerId || Irreversible.Contains(original.Command))
        {
            return new Error(ErrorCodes.NotReversible, Unreversible(original), "transactionId");
        }

        if (original.ReversedBy is { } reversedBy)
        {
            return new Error(ErrorCodes.AlreadyReversed, $"Transaction {id} was already reversed by {reversedBy}.", "transactionId");
        }

        return new CommandPlan<ReversalData>(
            CommandPartition.Direct.Instance,
            new RevertTransaction(ledgerId, Metadata.Of(("reason", reason))),
            [new RecordReversal(id.ToString())],
            new FlagScope([], [.. receipt.Postings.Select(posting => posting.Currency).Distinct(StringComparer.Ordinal)], null),
            new ReversalData(id.ToString(), original.Command, ledgerId, reason));
    }

    private static string Unreversible(StoredCommand original) => original switch
    {
        { LedgerTransactionId: null } => $"Transaction {original.Id} ({original.Command}) posted nothing to the ledger, so there is nothing to reverse.",
        { Command: CommandName } => $"Transaction {original.Id} is a reversal; a reversal is not reversed.",
        _ => $"Transaction {original.Id} ({original.Command}) moved a payout hold; a hold ends through settle or release, not a reversal.",
    };
}
