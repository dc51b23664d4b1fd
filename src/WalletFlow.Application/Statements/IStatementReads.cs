using WalletFlow.Domain.Ids;

namespace WalletFlow.Application.Statements;

/// <summary>A statement line as stored: the movement and the wallet's balances right after it (running sums in ledger order).</summary>
public sealed record StoredStatementLine(WalletMovement Movement, long AvailableAfter, long HeldAfter, long ReservedAfter);

/// <summary>The statement read model.</summary>
public interface IStatementReads
{
    /// <summary>The wallet's lines, newest ledger transaction first, below <paramref name="beforeLedgerTransactionId"/> when given.</summary>
    Task<IReadOnlyList<StoredStatementLine>> ListAsync(WalletId wallet, long? beforeLedgerTransactionId, int limit, CancellationToken cancellationToken);
}
