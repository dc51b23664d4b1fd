using System.Text.Json;

namespace WalletFlow.Application.Commands;

/// <summary>
/// What a completed command answers, and what a replay answers again: the WalletFlow transaction id, the ledger
/// transaction it posted with its postings, the balances of the accounts it touched right after it, and the
/// command's own data (the wallet created, the hold reserved, the quote issued...).
/// </summary>
public sealed record CommandReceipt<TData>(
    string CommandId,
    string Command,
    string IdempotencyKey,
    [property: Choice(CommandReceipt<object>.Completed)] string Status,
    long? LedgerTransactionId,
    IReadOnlyList<ReceiptPosting> Postings,
    IReadOnlyList<ReceiptBalance> Balances,
    TData Data,
    DateTimeOffset CompletedAt)
{
    public const string Completed = "completed";
}

/// <summary>One leg the command posted; <see cref="Amount"/> in the currency's decimal form, <see cref="AmountMinor"/> in minor units.</summary>
public sealed record ReceiptPosting(string Source, string Destination, [property: Money("Currency")] string Amount, string AmountMinor, string Currency);

/// <summary>An account's balance right after the command (as the ledger's post-commit volumes say).</summary>
public sealed record ReceiptBalance(string Account, [property: Money("Currency")] string Balance, string BalanceMinor, string Currency);

/// <summary>A command's outcome: its receipt, and whether it is a replay of an earlier submission with the same key.</summary>
public sealed record CommandOutcome(CommandReceipt<JsonElement> Receipt, bool Replayed);
