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

/// <summary>
/// One accepted payout and how it moves: some are final at once, others after a number of requeries, and any can be
/// finished by the simulator's controls. It becomes final once; <see cref="TakeFinal"/> says so once, for its callbacks.
/// </summary>
public sealed class SimulatedPayout(PayoutRequest request, BehaviourSetting setting)
{
    public const string FailureReason = "beneficiary_account_closed";

    private readonly Lock _gate = new();
    private int _requeries;
    private PayoutAnswer? _completed;
    private bool _announced;

    public PayoutRequest Request { get; } = request;

    public BehaviourSetting Setting { get; } = setting;

    /// <summary>The status as of now, for a submit's answer.</summary>
    public PayoutAnswer Current()
    {
        lock (_gate)
        {
            return Answer(_requeries);
        }
    }

    /// <summary>One more requery: a payout that settles after N requeries moves on the Nth.</summary>
    public PayoutAnswer Requery()
    {
        lock (_gate)
        {
            return Answer(++_requeries);
        }
    }

    /// <summary>Finishes the payout with this answer, unless it is already final; its answer from now on.</summary>
    public PayoutAnswer Complete(PayoutStatus status, string? reason)
    {
        lock (_gate)
        {
            if (Answer(_requeries).Status == PayoutStatus.Pending)
            {
                _completed = new PayoutAnswer(Request.Reference, status, status == PayoutStatus.Failed ? reason ?? FailureReason : null);
            }

            return Answer(_requeries);
        }
    }

    /// <summary>The final answer the first time it is asked for after the payout became final; null before, and after.</summary>
    public PayoutAnswer? TakeFinal()
    {
        lock (_gate)
        {
            var answer = Answer(_requeries);
            if (answer.Status == PayoutStatus.Pending || _announced)
            {
                return null;
            }

            _announced = true;
            return answer;
        }
    }

    private PayoutAnswer Answer(int requeries) => _completed ?? Setting.Behaviour switch
    {
        Behaviour.Failed => new(Request.Reference, PayoutStatus.Failed, FailureReason),
        Behaviour.PaidAfterRequeries => requeries >= Setting.Requeries ? new(Request.Reference, PayoutStatus.Paid, null) : new(Request.Reference, PayoutStatus.Pending, null),
        Behaviour.FailedAfterRequeries => requeries >= Setting.Requeries ? new(Request.Reference, PayoutStatus.Failed, FailureReason) : new(Request.Reference, PayoutStatus.Pending, null),
        _ => new(Request.Reference, PayoutStatus.Paid, null),
    };
}
