using System.Globalization;
using Orleans;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Payouts;
using WalletFlow.Application.Statements;
using WalletFlow.Domain.Accounts;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;
using WalletFlow.Ledger;
using MoneyValue = WalletFlow.Domain.Money.Money;

namespace WalletFlow.Application.Wallets;

/// <summary>A wallet's balances, all from the ledger: available to spend, held for payouts in flight, reserved (rolling reserve).</summary>
public sealed record BalancesData(
    string WalletId,
    string Currency,
    [property: Money("Currency")] string Available,
    [property: Money("Currency")] string Held,
    [property: Money("Currency")] string Reserved,
    string AvailableMinor,
    string HeldMinor,
    string ReservedMinor);

/// <summary>
/// One statement line: a ledger transaction that touched the wallet, what it did to each of its balances, and the
/// balances right after it (in ledger order).
/// </summary>
public sealed record StatementLine(
    long LedgerTransactionId,
    string? CommandId,
    string? Command,
    string? EventType,
    DateTimeOffset EffectiveAt,
    string Currency,
    [property: Money("Currency")] string AvailableChange,
    [property: Money("Currency")] string HeldChange,
    [property: Money("Currency")] string ReservedChange,
    [property: Money("Currency")] string AvailableAfter,
    [property: Money("Currency")] string HeldAfter,
    [property: Money("Currency")] string ReservedAfter,
    bool Reverted,
    IReadOnlyList<ReceiptPosting> Postings);

/// <summary>A page of a listing; <see cref="Next"/> is the cursor of the following page, null on the last.</summary>
public sealed record PageData<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>A WalletFlow transaction: the command's receipt and the ledger transaction as it stands now (reverted or not).</summary>
public sealed record TransactionData(CommandReceipt<object> Receipt, string? ReversedByCommandId, bool LedgerReverted);

[GenerateSerializer, Alias("walletflow.data.hold"), Immutable]
public sealed record HoldData(string HoldId, string WalletId, [property: Money("Currency")] string Amount, string AmountMinor, string Currency, string Provider, string BankId, string? Beneficiary, [property: Choice(typeof(HoldStatus))] string Status, string? Reason, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? StuckSince)
{
    public static HoldData From(Hold hold) => new(
        hold.Id.ToString(), hold.Wallet.ToString(), hold.Amount.ToDecimalString(), hold.Amount.Minor.ToString(CultureInfo.InvariantCulture), hold.Amount.Currency.Code,
        hold.Provider, hold.Bank.Value, hold.Beneficiary, RequestValidator.ToSnakeCase(hold.Status.ToString()), hold.Reason, hold.CreatedAt, hold.UpdatedAt, hold.StuckSince);
}

/// <summary>
/// The reads a partner or an operator needs, for every front. Each answers a value or an error with a code. Balances
/// come from the ledger; statements from the statement read model, which the outbox relay keeps a moment behind it.
/// </summary>
public sealed class WalletQueries(IWalletStore wallets, IHoldStore holds, ICommandJournal journal, IStatementReads statements, ILedger ledger, string ledgerName)
{
    public const int MaxPageSize = 100;

    public async Task<Result<WalletData>> GetWalletAsync(string? walletId, CancellationToken cancellationToken)
    {
        var found = await FindAsync(walletId, cancellationToken);
        return found.Map(WalletData.From);
    }

    public async Task<Result<BalancesData>> GetBalancesAsync(string? walletId, CancellationToken cancellationToken)
    {
        if (!(await FindAsync(walletId, cancellationToken)).TryGetValue(out var wallet, out var error))
        {
            return error;
        }

        var asset = wallet.Currency.Asset;
        var available = await BalanceAsync(new WalletAvailableAccount(wallet.Id).ToString(), asset, cancellationToken);
        var reserved = await BalanceAsync(new WalletReserveAccount(wallet.Id).ToString(), asset, cancellationToken);
        var held = await ledger.AggregateBalancesAsync(ledgerName, $"wallets:{wallet.Id}:holds:", cancellationToken: cancellationToken);
        var heldMinor = held.Value.TryGetValue(asset, out var sum) ? (long)sum : 0;
        return new BalancesData(
            wallet.Id.ToString(), wallet.Currency.Code,
            Format(available, wallet), Format(heldMinor, wallet), Format(reserved, wallet),
            Minor(available), Minor(heldMinor), Minor(reserved));
    }

    public async Task<Result<PageData<StatementLine>>> GetStatementAsync(string? walletId, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        if (!(await FindAsync(walletId, cancellationToken)).TryGetValue(out var wallet, out var error))
        {
            return error;
        }

        if (!PageSize(limit).TryGetValue(out var size, out var sizeError))
        {
            return sizeError;
        }

        long? before = null;
        if (cursor is not null)
        {
            if (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var after) || after <= 0)
            {
                return Error.Validation("The cursor is not one this statement gave.", "cursor");
            }

            before = after;
        }

        var lines = await statements.ListAsync(wallet.Id, before, size + 1, cancellationToken);
        var items = lines.Take(size).Select(line => Line(wallet, line)).ToList();
        return new PageData<StatementLine>(items, lines.Count > size ? items[^1].LedgerTransactionId.ToString(CultureInfo.InvariantCulture) : null);
    }

    public async Task<Result<TransactionData>> GetTransactionAsync(string? commandId, CancellationToken cancellationToken)
    {
        var fields = new RequestValidator();
        var id = fields.Read(CommandId.Parse(commandId), "transactionId");
        if (fields.Failed(out var error))
        {
            return error;
        }

        if (await journal.FindAsync(id, cancellationToken) is not { Receipt: { } receipt } stored)
        {
            return new Error(ErrorCodes.NotFound, $"Transaction {id} does not exist.", "transactionId");
        }

        var reverted = stored.LedgerTransactionId is { } ledgerId && (await ledger.GetTransactionAsync(ledgerName, ledgerId, cancellationToken)).Value.Reverted;
        return new TransactionData(receipt, stored.ReversedBy?.ToString(), reverted);
    }

    public async Task<Result<CommandReceipt<object>>> GetCommandAsync(Caller caller, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!IdempotencyKey.Validate(idempotencyKey).TryGetValue(out var key, out var error))
        {
            return error;
        }

        return await journal.FindAsync(caller.Scope, key, cancellationToken) is { Receipt: { } receipt }
            ? receipt
            : new Error(ErrorCodes.NotFound, $"No command completed with idempotency key '{key}'.", "idempotencyKey");
    }

    public async Task<Result<PageData<HoldData>>> ListHoldsAsync(string? walletId, string? status, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var fields = new RequestValidator();
        var wallet = walletId is null ? (WalletId?)null : fields.Wallet(walletId, "walletId");
        var state = status is null ? (HoldStatus?)null : fields.Choice<HoldStatus>(status, "status");
        var after = cursor is null ? (HoldId?)null : fields.Hold(cursor, "cursor");
        var size = fields.Read(PageSize(limit), "limit");
        if (fields.Failed(out var error))
        {
            return error;
        }

        var page = await holds.ListAsync(new HoldFilter(wallet, state, after, size + 1), cancellationToken);
        var items = page.Take(size).Select(HoldData.From).ToList();
        return new PageData<HoldData>(items, page.Count > size ? items[^1].HoldId : null);
    }

    public async Task<Result<HoldData>> GetHoldAsync(string? holdId, CancellationToken cancellationToken)
    {
        var fields = new RequestValidator();
        var id = fields.Hold(holdId, "holdId");
        if (fields.Failed(out var error))
        {
            return error;
        }

        return await holds.FindAsync(id, cancellationToken) is { } hold ? HoldData.From(hold) : new Error(ErrorCodes.NotFound, $"Hold {id} does not exist.", "holdId");
    }

    /// <summary>
    /// Whether the caller may make the read <paramref name="operation"/> of a wallet: operators any wallet; a partner
    /// only with the scope, and only its own merchant's wallets. Null when it may.
    /// </summary>
    public async Task<Error?> AdmitAsync(Caller caller, string operation, string? walletId, CancellationToken cancellationToken)
    {
        if (Admit(caller, operation) is { } refused)
        {
            return refused;
        }

        if (!caller.Roles.HasFlag(CallerRoles.Partner))
        {
            return null;
        }

        return (await FindAsync(walletId, cancellationToken)).TryGetValue(out var wallet, out var error)
            ? CommandAuthorization.CheckMerchants(caller, operation, [wallet.Merchant.Value])
            : error;
    }

    /// <summary>Whether the caller may make a read that names no wallet (a partner's own command by its key): the partner needs the scope.</summary>
    public static Error? Admit(Caller caller, string operation)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.Roles.HasFlag(CallerRoles.Partner) ? CommandAuthorization.Check(caller, operation, CallerRoles.Partner) : null;
    }

    private static Result<int> PageSize(int? limit) => limit switch
    {
        null => 25,
        >= 1 and <= MaxPageSize => limit.Value,
        _ => Error.Validation($"The limit must be between 1 and {MaxPageSize}.", "limit"),
    };

    private async Task<Result<Wallet>> FindAsync(string? walletId, CancellationToken cancellationToken)
    {
        var fields = new RequestValidator();
        var id = fields.Wallet(walletId, "walletId");
        if (fields.Failed(out var error))
        {
            return error;
        }

        return await wallets.FindAsync(id, cancellationToken) is { } wallet ? wallet : new Error(ErrorCodes.NotFound, $"Wallet {id} does not exist.", "walletId");
    }

    private async Task<long> BalanceAsync(string address, string asset, CancellationToken cancellationToken) =>
        (long)(await ledger.GetAccountAsync(ledgerName, address, cancellationToken: cancellationToken)).Value.Balance(asset);

    private static StatementLine Line(Wallet wallet, StoredStatementLine line)
    {
        var movement = line.Movement;
        return new StatementLine(
            movement.LedgerTransactionId, movement.CommandId, movement.Command, movement.EventType, movement.EffectiveAt, movement.Currency,
            Format(movement.AvailableChange, wallet), Format(movement.HeldChange, wallet), Format(movement.ReservedChange, wallet),
            Format(line.AvailableAfter, wallet), Format(line.HeldAfter, wallet), Format(line.ReservedAfter, wallet),
            movement.Reverted, movement.Postings);
    }

    private static string Format(long minor, Wallet wallet) => new MoneyValue(minor, wallet.Currency).ToDecimalString();

    private static string Minor(long minor) => minor.ToString(CultureInfo.InvariantCulture);
}
