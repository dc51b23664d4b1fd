using Orleans;

namespace WalletFlow.Application.Commands;

/// <summary>
/// What a completed command answers, and what a replay answers again: the WalletFlow transaction id, the ledger
/// transaction it posted with its postings, the balances of the accounts it touched right after it, and the
/// command's own data (the wallet created, the hold reserved, the quote issued...).
/// </summary>
[GenerateSerializer, Alias("walletflow.receipt`1"), Immutable]
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
[GenerateSerializer, Alias("walletflow.receipt_posting"), Immutable]
public sealed record ReceiptPosting(string Source, string Destination, [property: Money("Currency")] string Amount, string AmountMinor, string Currency);

/// <summary>An account's balance right after the command (as the ledger's post-commit volumes say).</summary>
[GenerateSerializer, Alias("walletflow.receipt_balance"), Immutable]
public sealed record ReceiptBalance(string Account, [property: Money("Currency")] string Balance, string BalanceMinor, string Currency);

/// <summary>
/// A command's outcome: its receipt, with the command's data record (<see cref="CommandDescriptor.DataType"/>), and
/// whether it is a replay of an earlier submission with the same key.
/// </summary>
[GenerateSerializer, Alias("walletflow.outcome"), Immutable]
public sealed record CommandOutcome(CommandReceipt<object> Receipt, bool Replayed);
