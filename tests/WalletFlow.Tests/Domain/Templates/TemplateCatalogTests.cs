using System.Text.RegularExpressions;
using WalletFlow.Domain.ChartOfAccounts;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Templates;

namespace WalletFlow.Tests.Domain.Templates;

public sealed partial class TemplateCatalogTests
{
    /// <summary>The money-moving use cases of DESIGN.md ("Commands") and the template each one posts with.</summary>
    public static TheoryData<string, string> UseCases => new()
    {
        { "pay-in", "payin" },
        { "transfer", "transfer" },
        { "reserve payout (hold)", "payout_reserve" },
        { "settle hold", "payout_settle" },
        { "release hold", "payout_release" },
        { "FX deal", "fx_deal" },
        { "OTC counterparty trade", "otc_trade" },
        { "stablecoin on-ramp", "stablecoin_onramp" },
        { "stablecoin off-ramp", "stablecoin_offramp" },
        { "GPS pool top-up", "gps_pool_topup" },
        { "GPS cross-currency payout", "gps_cross_currency_payout" },
        { "bank funding", "bank_funding" },
        { "opening balance (migration)", "opening_balance" },
        { "rolling reserve hold", "rolling_reserve_hold" },
        { "rolling reserve release", "rolling_reserve_release" },
        { "correction credit", "correction_credit" },
        { "correction debit", "correction_debit" },
        { "fee collection", "fee_collection" },
    };

    public static TheoryData<string> TemplateNames => [.. TemplateCatalog.All.Select(t => t.Name)];

    private static AccountChart Chart => AccountChart.Bundled;

    [Theory]
    [MemberData(nameof(UseCases))]
    public void Every_use_case_has_a_template(string useCase, string template) =>
        Assert.True(TemplateCatalog.Find(template).IsSuccess, $"{useCase} has no template {template}");

    [Fact]
    public void There_are_exactly_the_18_templates_one_per_event_type_but_reversal() =>
        Assert.Equal(
            EventTypes.All.Where(e => e != EventTypes.Reversal).Order(StringComparer.Ordinal),
            TemplateCatalog.All.Select(t => t.Name));

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void Each_template_records_its_own_name_as_event_type_and_the_chart_maps_it(string name)
    {
        var template = TemplateCatalog.Find(name).Value;

        Assert.Equal(name, template.EventType);
        Assert.True(Chart.FindEvent(template.EventType).IsSuccess);
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void Each_template_has_a_description_and_passes_every_account_and_amount_as_a_variable(string name)
    {
        var template = TemplateCatalog.Find(name).Value;

        Assert.NotEmpty(template.Description);
        Assert.Contains(template.Variables, v => v.Type == "monetary");
        Assert.DoesNotMatch(@"\[[A-Z]+(/\d+)? \d+\]", template.Text);
        Assert.All(template.AccountLiterals, literal => Assert.Equal("world", literal));
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void Every_account_a_template_names_classifies_in_the_chart_of_accounts(string name)
    {
        var template = TemplateCatalog.Find(name).Value;

        Assert.All(template.AccountLiterals, literal => Assert.True(Chart.Classify(literal).IsSuccess, literal));
        Assert.All(
            template.Variables.Where(v => v.Type == "account").SelectMany(v => v.AccountPatterns),
            pattern => Assert.Contains(Chart.Mappings, m => m.Pattern.Text == pattern));
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void No_template_lets_an_account_overdraw(string name) =>
        Assert.DoesNotContain("overdraft", TemplateCatalog.Find(name).Value.Text, StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void Every_template_keeps_debits_equal_to_credits_in_each_currency(string name)
    {
        var template = TemplateCatalog.Find(name).Value;

        foreach (var amount in template.Variables.Where(v => v.Type == "monetary"))
        {
            var net = Sends(template).Where(s => s.Amount == amount.Name)
                .Sum(s => Side(template, s.Destination) - Side(template, s.Source));
            Assert.True(net == 0, $"${amount.Name} moves {net} more to debit-normal lines than to credit-normal ones");
        }
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void The_chart_lists_exactly_the_lines_each_template_debits_and_credits(string name)
    {
        var template = TemplateCatalog.Find(name).Value;
        var debits = new SortedSet<string>(StringComparer.Ordinal);
        var credits = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var send in Sends(template))
        {
            foreach (var account in Accounts(template, send.Destination))
            {
                (IsDebitNormal(account) ? debits : credits).Add(account.Code);
            }

            foreach (var account in Accounts(template, send.Source))
            {
                (IsDebitNormal(account) ? credits : debits).Add(account.Code);
            }
        }

        var mapped = Chart.FindEvent(template.EventType).Value;
        Assert.Equal(debits, mapped.Debits.Select(a => a.Code).Order(StringComparer.Ordinal));
        Assert.Equal(credits, mapped.Credits.Select(a => a.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Corrections_record_their_reason()
    {
        Assert.Contains("set_tx_meta(\"reason\", $reason)", TemplateCatalog.Find("correction_credit").Value.Text, StringComparison.Ordinal);
        Assert.Contains("set_tx_meta(\"reason\", $reason)", TemplateCatalog.Find("correction_debit").Value.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Payouts_and_ramps_draw_from_accounts_that_must_be_funded_first()
    {
        Assert.Equal(["banks:*:*"], Variable("stablecoin_offramp", "bank").AccountPatterns);
        Assert.Equal(["pools:gps:*"], Variable("gps_cross_currency_payout", "pool").AccountPatterns);
        Assert.Equal(["banks:*:*"], Variable("gps_pool_topup", "bank").AccountPatterns);
    }

    [Fact]
    public void An_unknown_template_is_reported() =>
        Assert.Equal(ErrorCodes.TemplateUnknown, TemplateCatalog.Find("bonus").Error?.Code);

    [Fact]
    public void The_variables_are_read_from_the_vars_block_with_their_documented_patterns()
    {
        var payin = TemplateCatalog.Find("payin").Value;

        Assert.Equal(["amount", "bank", "wallet"], payin.Variables.Select(v => v.Name));
        Assert.Equal(["monetary", "account", "account"], payin.Variables.Select(v => v.Type));
        Assert.Equal(["wallets:*:available", "suspense"], payin.Variables[2].AccountPatterns);
        Assert.Equal("the account that is owed it", payin.Variables[2].Description);
    }

    private static TemplateVariable Variable(string template, string name) =>
        TemplateCatalog.Find(template).Value.Variables.Single(v => v.Name == name);

    /// <summary>+1 if the account(s) are debit-normal, -1 if credit-normal, 0 for world, which is outside the book.</summary>
    private static int Side(NumscriptTemplate template, string account)
    {
        var sides = Accounts(template, account).Select(a => IsDebitNormal(a) ? 1 : -1).Distinct().ToList();
        Assert.True(sides.Count <= 1, $"{account} in {template.Name} may be debit- or credit-normal");
        return sides.SingleOrDefault();
    }

    private static IEnumerable<GlAccount> Accounts(NumscriptTemplate template, string account) =>
        account == "@world"
            ? []
            : template.Variables.Single(v => "$" + v.Name == account).AccountPatterns
                .Select(pattern => Chart.Mappings.Single(m => m.Pattern.Text == pattern).Account);

    private static bool IsDebitNormal(GlAccount account) => account.NormalBalance == NormalBalance.Debit;

    private static IEnumerable<(string Amount, string Source, string Destination)> Sends(NumscriptTemplate template) =>
        Send().Matches(template.Text).Select(m => (m.Groups["amount"].Value, m.Groups["source"].Value, m.Groups["destination"].Value));

    [GeneratedRegex(@"send \$(?<amount>[a-z_]+) \(\s*source = (?<source>\S+)\s*destination = (?<destination>\S+)\s*\)")]
    private static partial Regex Send();
}
