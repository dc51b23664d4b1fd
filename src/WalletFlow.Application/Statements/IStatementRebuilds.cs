using WalletFlow.Application.Commands;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Application.Statements;

/// <summary>A statement rebuild as an operator follows it.</summary>
public sealed record StatementRebuildData(
    string RebuildId,
    [property: Choice(typeof(StatementRebuildStatus))] string Status,
    int WalletsTotal,
    int WalletsDone,
    long Lines,
    DateTimeOffset RequestedAt,
    DateTimeOffset? FinishedAt);

public enum StatementRebuildStatus
{
    Running,
    Done,
}

/// <summary>A running rebuild a process has leased (its token proves the lease is still its own), and where it got to.</summary>
public sealed record LeasedRebuild(string RebuildId, long Token, WalletId? LastWallet);

/// <summary>The rebuilds of the statement model, and the wallet-by-wallet replacement of its lines.</summary>
public interface IStatementRebuilds
{
    /// <summary>Leases a running rebuild that no live process holds (a new one, or one whose process died), until <paramref name="leaseUntil"/>.</summary>
    Task<LeasedRebuild?> LeaseAsync(DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>The next wallets after <paramref name="after"/>, in id order.</summary>
    Task<IReadOnlyList<WalletId>> WalletsAfterAsync(WalletId? after, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the wallet's lines with the movements <paramref name="readLedger"/> gives, read while the wallet's head is
    /// locked (so the relay neither adds a line the read misses nor loses one the read saw), and records the progress,
    /// extending the lease. False, with nothing replaced, if the rebuild is no longer this process's to run.
    /// </summary>
    Task<bool> ReplaceWalletAsync(
        LeasedRebuild rebuild, WalletId wallet, Func<CancellationToken, Task<IReadOnlyList<WalletMovement>>> readLedger, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    Task FinishAsync(LeasedRebuild rebuild, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The latest rebuilds, newest first.</summary>
    Task<IReadOnlyList<StatementRebuildData>> ListAsync(int limit, CancellationToken cancellationToken);

    Task<StatementRebuildData?> FindAsync(string rebuildId, CancellationToken cancellationToken);
}
