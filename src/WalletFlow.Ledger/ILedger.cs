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

    Task<Result<PostResult>> PostAsync(string ledger, TransactionRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Posts several transactions in one round trip, each succeeding or failing on its own, in order (a later one sees
    /// the balances an earlier one left). The group commit of the wallet grains goes through here.
    /// </summary>
    Task<IReadOnlyList<Result<PostResult>>> PostBatchAsync(string ledger, IReadOnlyList<TransactionRequest> requests, CancellationToken cancellationToken = default);

    Task<Result<PostResult>> RevertAsync(string ledger, RevertRequest request, CancellationToken cancellationToken = default);

    Task<Result<LedgerTransaction>> GetTransactionAsync(string ledger, long id, CancellationToken cancellationToken = default);

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

    Task<Result<bool>> SetAccountMetadataAsync(string ledger, string address, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken = default);

    Task<Result<bool>> DeleteAccountMetadataAsync(string ledger, string address, string key, CancellationToken cancellationToken = default);

    Task<Result<bool>> SetTransactionMetadataAsync(string ledger, long id, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken = default);

    Task<Result<bool>> DeleteTransactionMetadataAsync(string ledger, long id, string key, CancellationToken cancellationToken = default);
}
