using WalletFlow.Application.Commands;
using WalletFlow.Application.Payouts;
using WalletFlow.Domain.Ids;
using WalletFlow.Domain.Money;

namespace WalletFlow.Tests.Grains;

/// <summary>Holds whose status a test sets: what the hold grain loads on activation and after a refused move.</summary>
internal sealed class FixedHoldStore : IHoldStore
{
    private readonly Dictionary<HoldId, HoldStatus> _statuses = [];
    private readonly Lock _gate = new();

    public void Set(HoldId id, HoldStatus status)
    {
        lock (_gate)
        {
            _statuses[id] = status;
        }
    }

    public Task<Hold?> FindAsync(HoldId id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_statuses.TryGetValue(id, out var status)
                ? new Hold(id, WalletId.New(TimeProvider.System), new Money(100, Currency.Find("USD").Value), "gps", BankId.Parse("citi").Value, null, status, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch)
                : null);
        }
    }

    public Task<IReadOnlyList<Hold>> ListAsync(HoldFilter filter, CancellationToken cancellationToken) => throw new NotSupportedException();
}
