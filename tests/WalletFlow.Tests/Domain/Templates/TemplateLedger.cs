using System.Collections.Concurrent;
using System.Numerics;
using WalletFlow.Domain.Accounts;
using WalletFlow.Domain.ChartOfAccounts;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Money;
using WalletFlow.Domain.Templates;
using WalletFlow.Ledger.Numscript;
using Cash = WalletFlow.Domain.Money.Money;

namespace WalletFlow.Tests.Domain.Templates;

/// <summary>
/// A ledger in memory that runs the bundled templates through the Numscript engine, the way the real ledger does:
/// the parsed program is cached per template, each run reads a snapshot of the balances through
/// <see cref="InMemoryBalanceReader"/>, and the postings of a successful run are applied. After every successful run
/// it checks what must hold for every template: each posting moves a positive amount between accounts that are
/// well-formed WalletFlow addresses and classify in the bundled chart; each GL line touched is one the chart lists
/// for the run's event type, on the side the posting puts it; the event type is the template's and the chart knows
/// it; the run moves as much to debit-normal lines as to credit-normal ones in each asset; and afterwards the
/// balances of all accounts, <c>world</c> included, sum to zero per asset, and no account but <c>world</c> is negative.
/// </summary>
internal sealed class TemplateLedger
{
    private static readonly ConcurrentDictionary<string, NumscriptProgram> Programs = new(StringComparer.Ordinal);
    private static readonly string World = WorldAccount.Instance.ToString();

    private readonly Dictionary<BalanceKey, BigInteger> _balances = [];

    private static AccountChart Chart => AccountChart.Bundled;

    /// <summary>The parsed program of a bundled template, parsed once and cached as the ledger caches it.</summary>
    public static NumscriptProgram Program(string template) =>
        Programs.GetOrAdd(template, name =>
        {
            var parsed = NumscriptProgram.Parse(TemplateCatalog.Find(name).Value.Text);
            Assert.True(parsed.IsSuccess, $"Template {name} should parse: {parsed.Error}");
            return parsed.Value;
        });

    /// <summary>A starting balance: <paramref name="amount"/> arrives in <paramref name="account"/> from <c>world</c>, so the ledger still foots.</summary>
    public TemplateLedger Fund(AccountAddress account, Cash amount)
    {
        ArgumentNullException.ThrowIfNull(account);
        Move(World, account.ToString(), amount.Minor, amount.Currency.Asset);
        return this;
    }

    public BigInteger Balance(AccountAddress account, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(currency);
        return _balances.GetValueOrDefault(new BalanceKey(account.ToString(), currency.Asset));
    }

    /// <summary>Runs a template against the current balances; a successful run's postings are applied and checked.</summary>
    public Result<NumscriptOutcome> Run(string template, IReadOnlyDictionary<string, string> variables)
    {
        var snapshot = new InMemoryBalanceReader(new Dictionary<BalanceKey, BigInteger>(_balances));
        var result = NumscriptInterpreter.Run(Program(template), variables, snapshot);
        if (result.IsSuccess)
        {
            Apply(template, result.Value);
        }

        return result;
    }

    public NumscriptOutcome Succeeds(string template, params (string Name, string Value)[] variables)
    {
        var result = Run(template, TemplateCalls.Variables(variables));
        Assert.True(result.IsSuccess, $"{template} should run: {result.Error}");
        return result.Value;
    }

    public Error Fails(string template, string code, params (string Name, string Value)[] variables)
    {
        var before = new Dictionary<BalanceKey, BigInteger>(_balances);
        var result = Run(template, TemplateCalls.Variables(variables));
        Assert.False(result.IsSuccess, $"{template} should fail with {code}, but posted {result}");
        Assert.Equal(code, result.Error!.Code);
        Assert.Equal(before, _balances);
        return result.Error;
    }

    /// <summary>
    /// What the book says in one currency: the debit-normal lines (assets, expenses) and the credit-normal ones
    /// (liabilities, equity, revenue), <c>world</c> left out. Equal whenever every balance came from templates.
    /// </summary>
    public (BigInteger Debit, BigInteger Credit) Book(Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        BigInteger debit = 0, credit = 0;
        foreach (var (key, balance) in _balances.Where(b => b.Key.Asset == currency.Asset && b.Key.Account != World))
        {
            if (Side(key.Account) > 0)
            {
                debit += balance;
            }
            else
            {
                credit += balance;
            }
        }

        return (debit, credit);
    }

    private void Apply(string template, NumscriptOutcome outcome)
    {
        Assert.True(outcome.TransactionMetadata.TryGetValue("event_type", out var eventType), $"{template} recorded no event_type");
        Assert.Equal(template, eventType);
        var mapped = Chart.FindEvent(eventType);
        Assert.True(mapped.IsSuccess, $"event type {eventType} is not in the chart: {mapped.Error}");
        Assert.Empty(outcome.AccountMetadata);
        Assert.NotEmpty(outcome.Postings);

        var bookNet = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
        foreach (var posting in outcome.Postings)
        {
            Assert.True(posting.Amount > 0, $"{template} posted a non-positive amount: {posting}");
            Assert.NotEqual(posting.Source, posting.Destination);
            Assert.True(Currency.FromAsset(posting.Asset).IsSuccess, $"{template} posted in {posting.Asset}, not a WalletFlow currency");
            foreach (var account in new[] { posting.Source, posting.Destination })
            {
                Assert.True(AccountAddress.Parse(account).IsSuccess, $"{template} posted to {account}: {AccountAddress.Parse(account).Error}");
                Assert.True(Chart.Classify(account).IsSuccess, $"{template} posted to {account}: {Chart.Classify(account).Error}");
            }

            // Into a debit-normal line is a debit, into a credit-normal one a credit; out of a line, the other way round.
            AssertLineListed(mapped.Value, posting.Destination, debited: Side(posting.Destination) > 0);
            AssertLineListed(mapped.Value, posting.Source, debited: Side(posting.Source) < 0);
            bookNet[posting.Asset] = bookNet.GetValueOrDefault(posting.Asset)
                + (posting.Amount * (Side(posting.Destination) - Side(posting.Source)));
            Move(posting.Source, posting.Destination, posting.Amount, posting.Asset);
        }

        Assert.All(bookNet, net => Assert.True(net.Value == 0, $"{template} moved {net.Value} more {net.Key} to debit-normal lines than to credit-normal ones"));
        foreach (var asset in _balances.Keys.Select(k => k.Asset).Distinct())
        {
            var total = _balances.Where(b => b.Key.Asset == asset).Aggregate(BigInteger.Zero, (sum, b) => sum + b.Value);
            Assert.True(total == 0, $"after {template}, the {asset} balances sum to {total}, not zero");
        }

        Assert.All(
            _balances.Where(b => b.Key.Account != World),
            b => Assert.True(b.Value >= 0, $"after {template}, {b.Key.Account} holds {b.Value} {b.Key.Asset}"));
    }

    private static void AssertLineListed(EventGlMapping mapped, string account, bool debited)
    {
        if (account == World)
        {
            return;
        }

        var line = Chart.Classify(account).Value;
        var listed = debited ? mapped.Debits : mapped.Credits;
        Assert.True(
            listed.Contains(line),
            $"{mapped.EventType} {(debited ? "debits" : "credits")} {line.Code} ({account}), which the chart does not list on that side");
    }

    /// <summary>+1 for a debit-normal line, -1 for a credit-normal one, 0 for world, which is outside the book.</summary>
    private static int Side(string account) =>
        account == World ? 0 : Chart.Classify(account).Value.NormalBalance == NormalBalance.Debit ? 1 : -1;

    private void Move(string source, string destination, BigInteger amount, string asset)
    {
        var from = new BalanceKey(source, asset);
        var to = new BalanceKey(destination, asset);
        _balances[from] = _balances.GetValueOrDefault(from) - amount;
        _balances[to] = _balances.GetValueOrDefault(to) + amount;
    }
}
