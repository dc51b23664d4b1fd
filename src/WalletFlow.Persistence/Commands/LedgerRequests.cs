using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Templates;
using WalletFlow.Ledger;
using WalletFlow.Ledger.Numscript.Runtime;

namespace WalletFlow.Persistence.Commands;

/// <summary>
/// A planned command as the ledger sees it, the same on every attempt (a retry after a crash must send the very
/// request the first attempt sent), and what a journal concludes when the ledger says the key is taken.
/// </summary>
internal static class LedgerRequests
{
    public static TransactionRequest Post(PlannedCommand command)
    {
        var post = (PostTemplate)command.Plan.Ledger!;
        var template = TemplateCatalog.Find(post.Template).Value;
        return new TransactionRequest
        {
            Script = new NumscriptScript(template.Text, post.Vars),
            Metadata = MetadataOf(command, post.Metadata),
            IdempotencyKey = Key(command),
            Timestamp = post.EffectiveAt,
            Bounded = true,
        };
    }

    public static RevertRequest Revert(PlannedCommand command, RevertTransaction revert) =>
        new(revert.LedgerTransactionId) { Metadata = MetadataOf(command, revert.Metadata), IdempotencyKey = Key(command), Bounded = true };

    /// <summary>
    /// The refusal a posted transaction earns when it left an account beyond signed 64 bits: what the embedded ledger
    /// refuses up front (<see cref="TransactionRequest.Bounded"/>), read back from a ledger that does not enforce it.
    /// </summary>
    public static Error? BeyondBounds(LedgerTransaction transaction) =>
        transaction.PostCommitVolumes
            .Where(account => account.Key != LedgerNames.World)
            .SelectMany(account => account.Value.Where(asset => !asset.Value.BalanceFits64Bits)
                .Select(asset => (Error?)LedgerErrors.BalanceOutOfRange(account.Key, asset.Key, asset.Value.Balance)))
            .FirstOrDefault();

    /// <summary>The ledger's key of a command: its own key, in the caller's scope, under WalletFlow's prefix.</summary>
    public static string Key(PlannedCommand command) => $"walletflow:{command.Scope}:{command.IdempotencyKey}";

    /// <summary>
    /// The ledger says the key is taken: by this same request (a replay) or by one that differs, which for two
    /// submissions of one command is only the fresh ids they drew. The command's own request hash then decides.
    /// </summary>
    public static bool IsClaimedElsewhere(Result<PostResult> result) =>
        result.IsSuccess ? result.Value.IdempotencyHit : result.Error.Code == ErrorCodes.IdempotencyConflict;

    /// <summary>Another submission completed this key first: replay it if it was the same request, refuse otherwise.</summary>
    public static async Task<Result<CommandOutcome>> ResolveAsync(ICommandJournal journal, PlannedCommand command, CancellationToken cancellationToken)
    {
        var stored = await journal.FindAsync(command.Scope, command.IdempotencyKey, cancellationToken);
        if (stored is null)
        {
            return new Error(ErrorCodes.Conflict, $"The ledger already holds a transaction under idempotency key '{command.IdempotencyKey}' that WalletFlow did not record; use a new key.", "idempotencyKey");
        }

        if (!stored.RequestHash.AsSpan().SequenceEqual(command.RequestHash))
        {
            return CommandExecutor.IdempotencyConflict(command.IdempotencyKey, stored.Command);
        }

        return stored.Receipt is { } receipt ? new CommandOutcome(receipt, Replayed: true) : CommandExecutor.IdempotencyInProgress(command.IdempotencyKey);
    }

    /// <summary>The ledger transaction names the command that posted it, so the books lead back to the WalletFlow transaction.</summary>
    private static Dictionary<string, string> MetadataOf(PlannedCommand command, IReadOnlyDictionary<string, string> metadata) =>
        new(metadata, StringComparer.Ordinal) { [LedgerMetadata.CommandId] = command.Id.ToString(), [LedgerMetadata.Command] = command.Command };
}
