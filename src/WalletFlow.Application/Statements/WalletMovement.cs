using System.Numerics;
using WalletFlow.Application.Commands;
using WalletFlow.Domain.Accounts;
using WalletFlow.Domain.Ids;
using WalletFlow.Ledger;

namespace WalletFlow.Application.Statements;

/// <summary>
/// What one ledger transaction did to one wallet's balances (in minor units): the statement line before its running
/// balances. A reversal's movement names the transaction it reverts, whose lines are then marked reverted. The projector and the rebuild both make lines only through <see cref="Of"/>, so a rebuilt statement is
/// the projected one.
/// </summary>
public sealed record WalletMovement(
    WalletId Wallet,
    long LedgerTransactionId,
    string? CommandId,
    string? Command,
    string? EventType,
    DateTimeOffset EffectiveAt,
    string Currency,
    long AvailableChange,
    long HeldChange,
    long ReservedChange,
    bool Reverted,
    long? RevertsTransactionId,
    IReadOnlyList<ReceiptPosting> Postings)
{
    /// <summary>One movement per wallet the transaction touched, in wallet order.</summary>
    public static IReadOnlyList<WalletMovement> Of(LedgerTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var changes = new SortedDictionary<string, Change>(StringComparer.Ordinal);
        foreach (var posting in transaction.Postings)
        {
            Apply(posting.Destination, posting.Asset, posting.Amount);
            Apply(posting.Source, posting.Asset, -posting.Amount);
        }

        var postings = transaction.Postings.Select(LedgerViews.Posting).ToList();
        return [.. changes.Values.Select(change => new WalletMovement(
            change.Wallet,
            transaction.Id,
            transaction.Metadata.GetValueOrDefault(LedgerMetadata.CommandId),
            transaction.Metadata.GetValueOrDefault(LedgerMetadata.Command),
            transaction.Metadata.GetValueOrDefault("event_type"),
            transaction.Timestamp,
            LedgerViews.CurrencyOf(change.Asset),
            (long)change.Available,
            (long)change.Held,
            (long)change.Reserved,
            transaction.Reverted,
            transaction.RevertsTransactionId,
            postings))];

        void Apply(string address, string asset, BigInteger amount)
        {
            var (wallet, available, held, reserved) = (AccountAddress.Parse(address).TryGetValue(out var parsed, out _) ? parsed : null) switch
            {
                WalletAvailableAccount account => (account.Wallet, amount, BigInteger.Zero, BigInteger.Zero),
                WalletHoldAccount account => (account.Wallet, BigInteger.Zero, amount, BigInteger.Zero),
                WalletReserveAccount account => (account.Wallet, BigInteger.Zero, BigInteger.Zero, amount),
                _ => (default(WalletId?), BigInteger.Zero, BigInteger.Zero, BigInteger.Zero),
            };
            if (wallet is not { } id)
            {
                return;
            }

            var key = id.ToString();
            var sum = changes.TryGetValue(key, out var found) ? found : new Change(id, asset, 0, 0, 0);
            changes[key] = sum with { Available = sum.Available + available, Held = sum.Held + held, Reserved = sum.Reserved + reserved };
        }
    }

    private readonly record struct Change(WalletId Wallet, string Asset, BigInteger Available, BigInteger Held, BigInteger Reserved);
}
