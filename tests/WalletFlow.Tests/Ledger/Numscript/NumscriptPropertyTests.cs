using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using WalletFlow.Ledger.Numscript;
using WalletFlow.Ledger.Numscript.Runtime;
using WalletFlow.Ledger.Numscript.Syntax;

namespace WalletFlow.Tests.Ledger.Numscript;

public sealed class NumscriptPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(400);
    private static readonly Arbitrary<int> Seeds = Gen.Choose(0, int.MaxValue).ToArbitrary();

    private static (NumscriptOutcome? Outcome, Dictionary<BalanceKey, BigInteger> Balances) RunRandomScript(int seed)
    {
        var (script, balances) = RandomScripts.Build(seed);
        var program = NumscriptProgram.Parse(script);
        Assert.True(program.IsSuccess, $"Generated script does not compile: {program.Error}\n{script}");
        var result = NumscriptInterpreter.Run(program.Value, new Dictionary<string, string>(), new InMemoryBalanceReader(balances));
        return (result.IsSuccess ? result.Value : null, balances);
    }

    [Fact]
    public void Postings_of_a_successful_script_balance_per_asset()
    {
        var succeeded = 0;
        Check.One(Runs, Prop.ForAll(Seeds, seed =>
        {
            var (outcome, _) = RunRandomScript(seed);
            if (outcome is null)
            {
                return true;
            }

            succeeded++;
            var net = new Dictionary<BalanceKey, BigInteger>();
            foreach (var posting in outcome.Postings)
            {
                if (posting.Amount.Sign <= 0)
                {
                    return false;
                }

                var from = new BalanceKey(posting.Source, posting.Asset);
                var to = new BalanceKey(posting.Destination, posting.Asset);
                net[from] = net.GetValueOrDefault(from) - posting.Amount;
                net[to] = net.GetValueOrDefault(to) + posting.Amount;
            }

            return net.GroupBy(pair => pair.Key.Asset).All(asset => asset.Aggregate(BigInteger.Zero, (sum, pair) => sum + pair.Value).IsZero);
        }));

        Assert.True(succeeded > 40, $"Only {succeeded} generated scripts succeeded: the property was barely exercised.");
    }

    [Fact]
    public void No_account_without_an_overdraft_clause_ends_negative()
    {
        Check.One(Runs, Prop.ForAll(Seeds, seed =>
        {
            var (outcome, balances) = RunRandomScript(seed);
            if (outcome is null)
            {
                return true;
            }

            var final = new Dictionary<BalanceKey, BigInteger>(balances);
            foreach (var posting in outcome.Postings)
            {
                var from = new BalanceKey(posting.Source, posting.Asset);
                var to = new BalanceKey(posting.Destination, posting.Asset);
                final[from] = final.GetValueOrDefault(from) - posting.Amount;
                final[to] = final.GetValueOrDefault(to) + posting.Amount;
            }

            return final.All(pair => pair.Value.Sign >= 0 || pair.Key.Account == "world" || pair.Key.Account.StartsWith("od", StringComparison.Ordinal));
        }));
    }

    [Fact]
    public void Allotments_distribute_exactly_the_amount()
    {
        var cases = Gen.Choose(0, int.MaxValue).SelectMany(
            amount => Gen.ListOf(Gen.Choose(1, 1000)).Where(weights => weights.Count > 0),
            (amount, weights) => (Amount: new BigInteger(amount) * 7919, Weights: weights.ToArray()));

        Check.One(Runs, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var total = c.Weights.Sum();
            var portions = c.Weights.Select(w => Rational.Create(w, total)).ToArray();
            var floors = portions.Select(p => p.FloorOf(c.Amount)).ToArray();
            var error = Allotment.Split(c.Amount, portions, -1, new SourcePosition(1, 1), out var parts);

            return error is null
                && parts.Aggregate(BigInteger.Zero, (s, p) => s + p) == c.Amount
                && parts.Zip(floors).All(pair => pair.First == pair.Second || pair.First == pair.Second + 1);
        }));
    }

    [Fact]
    public void A_destination_allotment_delivers_exactly_what_was_sent()
    {
        var cases = Gen.Choose(1, 1_000_000).SelectMany(
            amount => Gen.Choose(0, 100).Two(),
            (amount, cut) => (Amount: amount, First: Math.Min(cut.Item1, cut.Item2), Second: Math.Max(cut.Item1, cut.Item2)));

        Check.One(Runs, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var script = $"send [USD/2 {c.Amount}] ( source = @world destination = {{ {c.First}% to @a  {c.Second - c.First}/100 to @b  remaining to @c }} )";
            var outcome = NumscriptInterpreter.Run(NumscriptProgram.Parse(script).Value, new Dictionary<string, string>(), InMemoryBalanceReader.Empty);
            return outcome.Value.Postings.Aggregate(BigInteger.Zero, (s, p) => s + p.Amount) == c.Amount;
        }));
    }
}
