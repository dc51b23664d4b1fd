using System.Collections.Concurrent;

namespace WalletFlow.ProviderSimulator;

/// <summary>
/// The simulated provider's books: every payout it accepted, by the caller's reference (a real provider keeps them
/// durably; a restarted simulator starts empty), the behaviours chosen per reference, and how often each reference was
/// called, so a test can tell a retried submit from a single one.
/// </summary>
public sealed class PayoutBook
{
    private readonly ConcurrentDictionary<string, SimulatedPayout> _payouts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, BehaviourSetting> _behaviours = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _submits = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public BehaviourSetting Default { get; set; } = new(Behaviour.Paid);

    public void Choose(string reference, BehaviourSetting setting) => _behaviours[reference] = setting;

    public BehaviourSetting BehaviourOf(string reference) => _behaviours.GetValueOrDefault(reference) ?? Default;

    public int CountSubmit(string reference) => _submits.AddOrUpdate(reference, 1, (_, count) => count + 1);

    public int SubmitsOf(string reference) => _submits.GetValueOrDefault(reference);

    /// <summary>Accepts a payout once per reference; the same reference with another payload is a conflict.</summary>
    public (SimulatedPayout? Payout, bool Conflict) Accept(PayoutRequest request, BehaviourSetting setting)
    {
        lock (_gate)
        {
            if (_payouts.TryGetValue(request.Reference, out var existing))
            {
                return existing.Request == request ? (existing, false) : (null, true);
            }

            var payout = new SimulatedPayout(request, setting);
            _payouts[request.Reference] = payout;
            return (payout, false);
        }
    }

    public SimulatedPayout? Find(string reference) => _payouts.GetValueOrDefault(reference);
}

/// <summary>One accepted payout and how it moves: some are final at once, others after a number of requeries.</summary>
public sealed class SimulatedPayout(PayoutRequest request, BehaviourSetting setting)
{
    public const string FailureReason = "beneficiary_account_closed";

    private int _requeries;

    public PayoutRequest Request { get; } = request;

    /// <summary>The status as of now, for a submit's answer.</summary>
    public PayoutAnswer Current() => Answer(Interlocked.CompareExchange(ref _requeries, 0, 0));

    /// <summary>One more requery: a payout that settles after N requeries moves on the Nth.</summary>
    public PayoutAnswer Requery() => Answer(Interlocked.Increment(ref _requeries));

    private PayoutAnswer Answer(int requeries) => setting.Behaviour switch
    {
        Behaviour.Failed => new(Request.Reference, PayoutStatus.Failed, FailureReason),
        Behaviour.PaidAfterRequeries => requeries >= setting.Requeries ? new(Request.Reference, PayoutStatus.Paid, null) : new(Request.Reference, PayoutStatus.Pending, null),
        Behaviour.FailedAfterRequeries => requeries >= setting.Requeries ? new(Request.Reference, PayoutStatus.Failed, FailureReason) : new(Request.Reference, PayoutStatus.Pending, null),
        _ => new(Request.Reference, PayoutStatus.Paid, null),
    };
}
