using WalletFlow.Domain.Errors;

namespace WalletFlow.Ledger;

/// <summary>The ledger's failures, with the codes every front reports. Formance's own codes map onto these (docs/ledger.md).</summary>
public static class LedgerErrors
{
    public const string LedgerNotFoundCode = "LEDGER_NOT_FOUND";
    public const string AlreadyRevertedCode = "ALREADY_REVERTED";
    public const string MetadataOverrideCode = "METADATA_OVERRIDE";

    /// <summary>The embedded ledger's batch participant refused to commit the batch: nothing of it was written.</summary>
    public const string RolledBackCode = "ROLLED_BACK";

    /// <summary>A bulk action not attempted because an earlier one failed and the bulk was not to continue on failure.</summary>
    public const string NotAttemptedCode = "NOT_ATTEMPTED";

    public static Error RolledBack { get; } = new(RolledBackCode, "The batch was rolled back by its participant; nothing of it was written.");

    public static Error NotAttempted { get; } = new(NotAttemptedCode, "Not attempted: an earlier action of the bulk failed.");

    public static Error BulkRolledBack(int failed) => new(RolledBackCode, $"Rolled back: the bulk is atomic and its action {failed} failed, so nothing of it was written.");

    public static Error LedgerNotFound(string ledger) => new(LedgerNotFoundCode, $"Ledger '{ledger}' does not exist.");

    public static Error TransactionNotFound(long id) => Error.NotFound($"Transaction {id} does not exist.");

    public static Error AlreadyReverted(long id, long by) => new(AlreadyRevertedCode, $"Transaction {id} was already reverted by transaction {by}.");

    public static Error ReferenceConflict(string reference) => new(ErrorCodes.Conflict, $"A transaction with reference '{reference}' already exists.", "reference");

    public static Error IdempotencyConflict(string key) =>
        new(ErrorCodes.IdempotencyConflict, $"Idempotency key '{key}' was already used with a different request.", "idempotencyKey");

    public static Error InsufficientFunds(string account, string asset, System.Numerics.BigInteger balance, System.Numerics.BigInteger amount) =>
        new(ErrorCodes.InsufficientFunds, $"Account {account} has {balance} {asset} and cannot send {amount}.", account);

    public static Error BalanceOutOfRange(string account, string asset, System.Numerics.BigInteger balance) =>
        new(ErrorCodes.BalanceOutOfRange, $"Account {account} would hold {balance} {asset}, beyond signed 64-bit minor units.", account);

    public static Error Validation(string message, string? field = null) => Error.Validation(message, field);
}
