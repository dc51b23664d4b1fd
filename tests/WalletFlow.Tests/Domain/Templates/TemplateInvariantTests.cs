using System.Numerics;
using WalletFlow.Domain.ChartOfAccounts;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Templates;
using WalletFlow.Ledger.Numscript;

namespace WalletFlow.Tests.Domain.Templates;

/// <summary>
/// What must hold for every template run: the accounts classify, the event type is known, the postings foot per asset,
/// and no account but world ends negative. <see cref="TemplateLedger"/> checks all of it after every run; these
/// theories run each template once with its bounded sources funded to the exact amount, and say it explicitly.
/// </summary>
public sealed class TemplateInvariantTests
{
    public static TheoryData<string> TemplateNames => [.. TemplateCatalog.All.Select(t => t.Name)];

    private static AccountChart Chart => AccountChart.Bundled;

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void Every_template_runs_when_its_sources_hold_exactly_the_amount_and_leaves_them_empty(string name)
    {
        var example = TemplateExamples.Of(name);
        var ledger = example.FundedLedger();

        var outcome = ledger.Succeeds(name, [.. example.Variables]);

        Assert.NotEmpty(outcome.Postings);
        Assert.All(example.Draws, draw => Assert.Equal(BigInteger.Zero, ledger.Balance(draw.Account, draw.Amount.Currency)));
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void Every_account_every_template_posts_to_classifies_in_the_chart_of_accounts(string name)
    {
        var outcome = Run(name);

        Assert.All(
            outcome.Postings.SelectMany(p => new[] { p.Source, p.Destination }),
            account => Assert.True(Chart.Classify(account).IsSuccess, $"{account}: {Chart.Classify(account).Error}"));
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void Every_template_records_as_event_type_its_own_name_which_the_chart_maps(string name)
    {
        var outcome = Run(name);

        Assert.Equal(name, outcome.TransactionMetadata["event_type"]);
        Assert.True(Chart.FindEvent(outcome.TransactionMetadata["event_type"]).IsSuccess);
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void Every_template_moves_as_much_out_of_accounts_as_into_them_in_each_asset(string name)
    {
        var outcome = Run(name);

        foreach (var asset in outcome.Postings.Select(p => p.Asset).Distinct())
        {
            var net = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
            foreach (var posting in outcome.Postings.Where(p => p.Asset == asset))
            {
                net[posting.Source] = net.GetValueOrDefault(posting.Source) - posting.Amount;
                net[posting.Destination] = net.GetValueOrDefault(posting.Destination) + posting.Amount;
            }

            Assert.Equal(BigInteger.Zero, net.Values.Aggregate(BigInteger.Zero, (sum, n) => sum + n));
        }
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void A_template_refuses_a_negative_amount_rather_than_moving_money_backwards(string name)
    {
        var example = TemplateExamples.Of(name);
        var monetary = TemplateLedger.Program(name).Variables.First(v => v.Type == NumscriptType.Monetary).Name;
        var variables = example.Variables
            .Select(v => v.Name == monetary ? (v.Name, v.Value.Replace(" ", " -", StringComparison.Ordinal)) : v)
            .ToArray();

        example.FundedLedger().Fails(name, ErrorCodes.InvalidAmount, variables);
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void A_template_called_with_zero_amounts_is_refused_as_an_empty_transaction(string name)
    {
        var example = TemplateExamples.Of(name);
        var monetaries = TemplateLedger.Program(name).Variables.Where(v => v.Type == NumscriptType.Monetary).Select(v => v.Name).ToHashSet();
        var variables = example.Variables
            .Select(v => monetaries.Contains(v.Name) ? (v.Name, v.Value.Split(' ')[0] + " 0") : v)
            .ToArray();

        example.FundedLedger().Fails(name, ErrorCodes.NoPostings, variables);
    }

    private static NumscriptOutcome Run(string name)
    {
        var example = TemplateExamples.Of(name);
        return example.FundedLedger().Succeeds(name, [.. example.Variables]);
    }
}
