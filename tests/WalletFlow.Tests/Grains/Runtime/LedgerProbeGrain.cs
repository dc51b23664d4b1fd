using WalletFlow.Domain.Errors;
using WalletFlow.Grains.Runtime;

namespace WalletFlow.Tests.Grains.Runtime;

internal sealed record Deposit(int Id, long Amount);

internal sealed record Receipt(int DepositId, long Balance);

/// <summary>A wallet in miniature: deposits are group-committed, balance reads are plain calls.</summary>
internal interface ILedgerProbeGrain : IBatchingGrain<Deposit, Result<Receipt>>
{
    /// <summary>The deposit ids of each batch, in the order the batches ran.</summary>
    List<int[]> Batches { get; }

    Task<long> BalanceAsync();
}

internal sealed class LedgerProbeGrain(Func<IReadOnlyList<Deposit>, Task> beforeEachBatch) : ILedgerProbeGrain
{
    private long _balance;

    public List<int[]> Batches { get; } = [];

    public Task<long> BalanceAsync()
    {
        Batches.Add([]);
        return Task.FromResult(_balance);
    }

    public async Task<IReadOnlyList<Result<Receipt>>> HandleBatchAsync(IReadOnlyList<Deposit> requests)
    {
        Batches.Add([.. requests.Select(deposit => deposit.Id)]);
        await beforeEachBatch(requests);
        var results = new List<Result<Receipt>>(requests.Count);
        foreach (var deposit in requests)
        {
            if (deposit.Amount <= 0)
            {
                results.Add(Error.Validation("A deposit must be positive.", nameof(Deposit.Amount)));
                continue;
            }

            _balance += deposit.Amount;
            results.Add(new Receipt(deposit.Id, _balance));
        }

        return results;
    }
}
