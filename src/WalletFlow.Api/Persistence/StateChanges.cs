using System.Text.Json;
using Npgsql;
using WalletFlow.Domain.Errors;
using WalletFlow.Grains.Commands;
using WalletFlow.Grains.Payouts;

namespace WalletFlow.Api.Persistence;

/// <summary>
/// The rows of one or more completed commands (claim, state changes, outbox event), sent to Postgres in one round
/// trip. A guarded change that finds the row moved (a hold already settled, a quote already booked) or a claim that
/// another submission holds refuses its command with <see cref="CommandRefusedException"/>; the caller rolls back.
/// </summary>
internal sealed class StateChanges
{
    /// <summary>The unique constraint that lets a command be reversed once, the one a concurrent write can break here.</summary>
    private const string ReversedOnce = "commands_reverses_command_id_key";

    private readonly List<(NpgsqlBatchCommand Statement, int Index, Func<Error?>? WhenUnchanged, StateChange? Change)> _statements = [];

    /// <summary>
    /// The rows of a completed command. Its claim is inserted as completed, or, for a claim already pending (an external
    /// ledger), moved from pending to completed. Either way a claim that changes no row yields to the submission or the
    /// recovery that completed the key first: the caller resolves it after the rollback.
    /// </summary>
    public void AddCompleted(int index, PlannedCommand command, CommandReceipt<JsonElement> receipt, bool claimIsPending = false)
    {
        _statements.Add((claimIsPending ? CommandRows.CompletePending(command, receipt) : CommandRows.InsertCompleted(command, receipt), index, () => null, null));
        foreach (var change in command.Plan.Changes)
        {
            var (statement, whenUnchanged) = Statement(change, command);
            _statements.Add((statement, index, whenUnchanged, change));
        }

        _statements.Add((CommandRows.InsertEvent(command, receipt), index, null, null));
    }

    public async Task ExecuteAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (_statements.Count == 0)
        {
            return;
        }

        await using var batch = new NpgsqlBatch(connection);
        foreach (var (statement, _, _, _) in _statements)
        {
            batch.BatchCommands.Add(statement);
        }

        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation && exception.ConstraintName == ReversedOnce)
        {
            // Npgsql names the failed statement only when the connection string asks it to; the constraint says which
            // write it was: the batch's one reversal record.
            var (_, index, whenUnchanged, _) = _statements.Single(entry => entry.Change is RecordReversal);
            throw new CommandRefusedException(index, whenUnchanged!()!);
        }

        foreach (var (statement, index, whenUnchanged, _) in _statements)
        {
            if (statement.RecordsAffected == 0 && whenUnchanged is not null)
            {
                throw new CommandRefusedException(index, whenUnchanged());
            }
        }
    }

    private static (NpgsqlBatchCommand Statement, Func<Error?>? WhenUnchanged) Statement(StateChange change, PlannedCommand command) => change switch
    {
        OpenWallet wallet => (Sql(
            "insert into core.wallets (id, merchant_id, currency, label, created_at) values ($1, $2, $3, $4, $5)",
            wallet.WalletId, wallet.MerchantId, wallet.Currency, wallet.Label, wallet.CreatedAt), null),
        ReserveHold hold => (Sql(
            """
            insert into core.holds (id, wallet_id, currency, amount, provider, bank_id, beneficiary, status, created_at, updated_at)
            values ($1, $2, $3, $4, $5, $6, $7, 'reserved', $8, $8)
            """,
            hold.HoldId, hold.WalletId, hold.Currency, hold.Amount, hold.Provider, hold.BankId, hold.Beneficiary, hold.CreatedAt), null),
        MoveHold move => (Sql(
            "update core.holds set status = $2, reason = coalesce($3, reason), updated_at = $4 where id = $1 and status = any($5)",
            move.HoldId, HoldStatuses.ToText(move.To), move.Reason, move.At, move.From.Select(HoldStatuses.ToText).ToArray()),
            () => new Error(ErrorCodes.HoldNotOpen, $"Hold {move.HoldId} was moved by another command first; it is no longer {string.Join(" or ", move.From.Select(HoldStatuses.ToText))}.", "holdId")),
        IssueQuote quote => (Sql(
            """
            insert into core.fx_quotes (id, sell_wallet_id, buy_wallet_id, sell_amount, buy_amount, rate, expires_at, created_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
            """,
            quote.QuoteId, quote.SellWalletId, quote.BuyWalletId, quote.SellAmount, quote.BuyAmount, quote.Rate, quote.ExpiresAt, quote.CreatedAt), null),
        BookQuote book => (Sql(
            "update core.fx_quotes set booked_by_command_id = $2 where id = $1 and booked_by_command_id is null",
            book.QuoteId, command.Id.ToString()),
            () => new Error(ErrorCodes.FxQuoteUsed, $"Quote {book.QuoteId} was booked by another deal first; ask for a new quote.", "quoteId")),
        SetFlag flag => (Sql(
            """
            insert into core.feature_flags (flag, scope_type, scope_value, enabled, reason, updated_at) values ($1, $2, $3, $4, $5, $6)
            on conflict (flag, scope_type, scope_value) do update set enabled = excluded.enabled, reason = excluded.reason, updated_at = excluded.updated_at
            """,
            flag.Flag, FlagScopeTypes.ToText(flag.ScopeType), flag.ScopeValue, flag.Enabled, flag.Reason, flag.At), null),
        RecordReversal reversal => (Sql(
            "update core.commands set reverses_command_id = $2 where id = $1",
            command.Id.ToString(), reversal.OriginalCommandId),
            () => new Error(ErrorCodes.AlreadyReversed, $"Transaction {reversal.OriginalCommandId} was already reversed.", "transactionId")),
        _ => throw new InvalidOperationException($"No SQL for the state change {change.GetType().Name}."),
    };

    private static NpgsqlBatchCommand Sql(string text, params object?[] values)
    {
        var statement = new NpgsqlBatchCommand(text);
        foreach (var value in values)
        {
            statement.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return statement;
    }
}

/// <summary>A command refused while its rows were written: <see cref="Error"/> says why, or is null when another submission claimed its key first.</summary>
#pragma warning disable CA1032 // Thrown and caught inside the journal only, with the index it needs.
internal sealed class CommandRefusedException(int index, Error? error) : Exception(error?.Message ?? "The idempotency key was claimed by another submission.")
#pragma warning restore CA1032
{
    public int Index { get; } = index;

    public Error? Error { get; } = error;
}

internal static class HoldStatuses
{
    public static string ToText(HoldStatus status) => RequestValidator.ToSnakeCase(status.ToString());

    public static HoldStatus Parse(string text) => Enum.GetValues<HoldStatus>().Single(status => ToText(status) == text);
}

internal static class FlagScopeTypes
{
    public static string ToText(FlagScopeType type) => RequestValidator.ToSnakeCase(type.ToString());

    public static FlagScopeType Parse(string text) => Enum.GetValues<FlagScopeType>().Single(type => ToText(type) == text);
}
