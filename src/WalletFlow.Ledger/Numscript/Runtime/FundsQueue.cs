using System.Numerics;

namespace WalletFlow.Ledger.Numscript.Runtime;

/// <summary>
/// The funds a send statement's source gave, first in first out (Formance's funds queue). Consecutive pieces from the
/// same account are merged as they arrive, so a destination taking them gets one posting per run of one sender.
/// </summary>
internal sealed class FundsQueue
{
    private readonly List<Sender> _senders = [];
    private int _head;

    public void Push(string account, BigInteger amount)
    {
        if (amount.IsZero)
        {
            return;
        }

        var last = _senders.Count - 1;
        if (last >= _head && string.Equals(_senders[last].Account, account, StringComparison.Ordinal))
        {
            _senders[last] = new Sender(account, _senders[last].Amount + amount);
            return;
        }

        _senders.Add(new Sender(account, amount));
    }

    /// <summary>Takes up to <paramref name="amount"/> from the front into <paramref name="pulled"/> (cleared first).</summary>
    public void Pull(BigInteger amount, List<Sender> pulled)
    {
        pulled.Clear();
        while (amount.Sign > 0 && _head < _senders.Count)
        {
            var front = _senders[_head];
            if (front.Amount <= amount)
            {
                pulled.Add(front);
                amount -= front.Amount;
                _head++;
            }
            else
            {
                pulled.Add(new Sender(front.Account, amount));
                _senders[_head] = new Sender(front.Account, front.Amount - amount);
                return;
            }
        }
    }

    public void Clear()
    {
        _senders.Clear();
        _head = 0;
    }
}

internal readonly record struct Sender(string Account, BigInteger Amount);
