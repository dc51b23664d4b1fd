using System.Globalization;
using System.Numerics;
using System.Text;
using WalletFlow.Ledger.Numscript;

namespace WalletFlow.Tests.Ledger.Numscript;

/// <summary>
/// Builds random valid scripts and starting balances from a seed. Accounts named <c>od*</c> are the only ones that
/// ever appear with an overdraft clause, so properties can tell them apart.
/// </summary>
internal sealed class RandomScripts
{
    private static readonly string[] Plain = ["a", "b", "c", "d"];
    private static readonly string[] Overdrawable = ["od1", "od2"];
    private static readonly string[] Assets = ["COIN", "USD/2"];

    private readonly Random _random;
    private readonly StringBuilder _text = new();
    private string _asset = "COIN";

    private RandomScripts(int seed) => _random = new Random(seed);

    public static (string Script, Dictionary<BalanceKey, BigInteger> Balances) Build(int seed)
    {
        var builder = new RandomScripts(seed);
        var balances = new Dictionary<BalanceKey, BigInteger>();
        foreach (var account in Plain.Concat(Overdrawable))
        {
            foreach (var asset in Assets)
            {
                balances[new BalanceKey(account, asset)] = builder._random.Next(0, 300);
            }
        }

        var statements = builder._random.Next(1, 4);
        for (var i = 0; i < statements; i++)
        {
            builder.Statement();
        }

        return (builder._text.ToString(), balances);
    }

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    private string Amount(int max) => string.Create(CultureInfo.InvariantCulture, $"[{_asset} {_random.Next(0, max)}]");

    private void Statement()
    {
        _asset = Pick(Assets);
        if (_random.Next(8) == 0)
        {
            _text.Append("save ").Append(Amount(50)).Append(" from @").Append(Pick(Plain)).Append('\n');
            return;
        }

        var sendsAll = _random.Next(4) == 0;
        _text.Append("send ").Append(sendsAll ? $"[{_asset} *]" : Amount(400)).Append(" (\n  source = ");
        Source(2);
        _text.Append("\n  destination = ");
        Destination(2);
        _text.Append("\n)\n");
    }

    private void Source(int depth)
    {
        switch (_random.Next(depth > 0 ? 7 : 4))
        {
            case 0 or 1:
                _text.Append('@').Append(Pick(Plain));
                break;
            case 2:
                _text.Append('@').Append(Pick(Overdrawable)).Append(" allowing overdraft up to ").Append(Amount(100));
                break;
            case 3:
                _text.Append(_random.Next(2) == 0 ? "@world" : "@" + Pick(Overdrawable) + " allowing unbounded overdraft");
                break;
            case 4:
                _text.Append("{ ");
                for (var i = _random.Next(1, 4); i > 0; i--)
                {
                    Source(depth - 1);
                    _text.Append(' ');
                }

                _text.Append('}');
                break;
            case 5:
                _text.Append("max ").Append(Amount(200)).Append(" from ");
                Source(depth - 1);
                break;
            default:
                _text.Append("{ ");
                foreach (var portion in Portions())
                {
                    _text.Append(portion).Append(" from ");
                    Source(depth - 1);
                    _text.Append(' ');
                }

                _text.Append('}');
                break;
        }
    }

    private void Destination(int depth)
    {
        switch (_random.Next(depth > 0 ? 4 : 2))
        {
            case 0 or 1:
                _text.Append('@').Append(_random.Next(5) == 0 ? "world" : Pick(Plain.Concat(Overdrawable).ToArray()));
                break;
            case 2:
                _text.Append("{ ");
                foreach (var portion in Portions())
                {
                    _text.Append(portion).Append(' ');
                    Target(depth - 1);
                }

                _text.Append('}');
                break;
            default:
                _text.Append("{ ");
                for (var i = _random.Next(0, 3); i > 0; i--)
                {
                    _text.Append("max ").Append(Amount(150)).Append(' ');
                    Target(depth - 1);
                }

                _text.Append("remaining ");
                Target(depth - 1);
                _text.Append('}');
                break;
        }
    }

    private void Target(int depth)
    {
        if (_random.Next(5) == 0)
        {
            _text.Append("kept ");
            return;
        }

        _text.Append("to ");
        Destination(depth);
        _text.Append(' ');
    }

    /// <summary>Percentages and fractions that sum to exactly one, the last part sometimes written as 'remaining'.</summary>
    private List<string> Portions()
    {
        var parts = new List<string>();
        var left = 100;
        var count = _random.Next(1, 4);
        for (var i = 0; i < count - 1 && left > 0; i++)
        {
            var percent = _random.Next(0, left + 1);
            parts.Add(_random.Next(2) == 0 ? $"{percent}%" : $"{percent}/100");
            left -= percent;
        }

        parts.Add(_random.Next(2) == 0 ? "remaining" : $"{left}%");
        return parts;
    }
}
