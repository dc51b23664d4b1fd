using System.Numerics;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Ledger;

/// <summary>
/// The ledger port: the only way WalletFlow moves or reads money. Two adapters implement it and pass one contract
/// suite: the embedded ledger on Postgres (the default) and Formance ledger v2 over HTTP. Expected failures are
/// values (<see cref="LedgerErrors"/>); an exception means a bug or an outage.
/// </summary>
public interface ILedger
{
    /// <summary>Creates a ledger; creating one that exists is a success (idempotent).</summary>
    Task<Result<string>> CreateLedgerAsync(string ledger, CancellationToken cancellationToken = default);

    /// <summary>A ledger's name and when it was created; <c>LEDGER_NOT_FOUND</c> for one never created.</summary>
    Task<Result<LedgerInfo>> GetLedgerAsync(string ledger, CancellationToken cancellationToken = default);

    /// <summary>The ledgers, by name in ordinal order, a page at a time.</summary>
    Task<Result<Page<LedgerInfo>>> ListLedgersAsync(LedgerQuery query, CancellationToken cancellationToken = default);

    Task<Result<PostResult>> PostAsync(string ledger, TransactionRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Posts several transactions in one round trip, each succeeding or failing on its own, in order (a later one sees
    /// the balances an earlier one left). The group commit of the wallet grains goes through here.
    /// </summary>
    Task<IReadOnlyList<Result<PostResult>>> PostBatchAsync(string ledger, IReadOnlyList<TransactionRequest> requests, CancellationToken cancellationToken = default);

    Task<Result<PostResult>> RevertAsync(string ledger, RevertRequest request, CancellationToken cancellationToken = default);

    Task<Result<LedgerTransaction>> GetTransactionAsync(string ledger, long id, CancellationToken cancellationToken = default);

    /// <summary>The transactions with these ids, by id, in as few reads as the ledger allows; an id it does not hold is absent, not an error.</summary>
    Task<Result<IReadOnlyDictionary<long, LedgerTransaction>>> GetTransactionsAsync(string ledger, IReadOnlyList<long> ids, CancellationToken cancellationToken = default);

    /// <summary>An account's metadata and volumes; an account never used has none (not an error).</summary>
    Task<Result<AccountView>> GetAccountAsync(string ledger, string address, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default);

    Task<Result<Page<AccountView>>> ListAccountsAsync(string ledger, AccountQuery query, CancellationToken cancellationToken = default);

    Task<Result<Page<LedgerTransaction>>> ListTransactionsAsync(string ledger, TransactionQuery query, CancellationToken cancellationToken = default);

    /// <summary>How many transactions the ledger holds, reversals included: what listing every page would return, without the paging.</summary>
    Task<Result<long>> CountTransactionsAsync(string ledger, CancellationToken cancellationToken = default);

    /// <summary>How many accounts the ledger holds, <c>world</c> included: what listing every page would return, without the paging.</summary>
    Task<Result<long>> CountAccountsAsync(string ledger, CancellationToken cancellationToken = default);

    /// <summary>
    /// The balances per asset summed over every account the pattern matches (see <see cref="AccountQuery.Address"/>);
    /// a null pattern sums every account of the ledger.
    /// </summary>
    Task<Result<IReadOnlyDictionary<string, BigInteger>>> AggregateBalancesAsync(string ledger, string? addressPattern, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// What each account received (input) and sent (output) of each asset, one row per (account, asset), ordered by
    /// account then asset (ordinal), a page at a time. Without a window (<see cref="VolumesQuery.IsWindowed"/>) these
    /// are the volumes since the ledger began, as they are now. With one, only the postings dated within
    /// [<see cref="VolumesQuery.StartTime"/>, <see cref="VolumesQuery.EndTime"/>) count: by their transaction's
    /// effective date, or by when it was written with <see cref="VolumesQuery.InsertionDate"/>; a missing bound leaves
    /// that side open. A posting counts once as its destination's input and once as its source's output, so over any
    /// window each asset's inputs sum to its outputs across the whole ledger (a trial balance foots). A row appears
    /// only for an (account, asset) that moved in the window. <see cref="VolumesQuery.GroupBy"/> sums the rows of
    /// addresses sharing their first N segments into one row named by that prefix.
    /// </summary>
    Task<Result<Page<AccountVolumes>>> ListVolumesAsync(string ledger, VolumesQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies <paramref name="actions"/> in order, each answering its own result: the same results the single-call
    /// methods give, plus <see cref="LedgerErrors.NotAttempted"/> for an action after a failure when
    /// <see cref="BulkOptions.ContinueOnFailure"/> is off, and, when <see cref="BulkOptions.Atomic"/> and any action
    /// fails, <see cref="LedgerErrors.BulkRolledBack"/> for every action that did not fail itself: nothing is then
    /// written. The outer result fails only for the bulk as a whole (an unknown ledger).
    /// </summary>
    Task<Result<IReadOnlyList<Result<BulkOutcome>>>> ApplyBulkAsync(string ledger, IReadOnlyList<BulkAction> actions, BulkOptions options, CancellationToken cancellationToken = default);

    Task<Result<bool>> SetAccountMetadataAsync(string ledger, string address, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken = default);

    Task<Result<bool>> DeleteAccountMetadataAsync(string ledger, string address, string key, CancellationToken cancellationToken = default);

    Task<Result<bool>> SetTransactionMetadataAsync(string ledger, long id, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken = default);

    Task<Result<bool>> DeleteTransactionMetadataAsync(string ledger, long id, string key, CancellationToken cancellationToken = default);
}
