using WalletFlow.Domain.Templates;
using WalletFlow.Ledger.Numscript;

namespace WalletFlow.Tests.Domain.Templates;

/// <summary>The bundled templates as the Numscript engine sees them: they parse, and declare what their headers say.</summary>
public sealed class TemplateProgramTests
{
    public static TheoryData<string> TemplateNames => [.. TemplateCatalog.All.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void Every_template_parses_with_the_numscript_engine(string name)
    {
        var parsed = NumscriptProgram.Parse(TemplateCatalog.Find(name).Value.Text);

        Assert.True(parsed.IsSuccess, parsed.Error?.ToString());
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void The_engine_sees_exactly_the_variables_the_catalog_reads_with_the_same_types(string name)
    {
        var template = TemplateCatalog.Find(name).Value;
        var program = TemplateLedger.Program(name);

        Assert.Equal(
            template.Variables.Select(v => (v.Name, v.Type)),
            program.Variables.Select(v => (v.Name, TypeName(v.Type))));
        Assert.DoesNotContain(program.Variables, v => v.IsComputed);
    }

    [Fact]
    public void There_is_a_realistic_example_for_every_template() =>
        Assert.Equal(TemplateCatalog.All.Select(t => t.Name), TemplateExamples.All.Select(e => e.Template).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void Each_example_supplies_every_variable_and_draws_from_the_accounts_its_variables_name(string name)
    {
        var example = TemplateExamples.Of(name);
        var variables = TemplateCalls.Variables(example.Variables);

        Assert.Equal(TemplateLedger.Program(name).Variables.Select(v => v.Name).Order(StringComparer.Ordinal), variables.Keys.Order(StringComparer.Ordinal));
        Assert.All(example.Draws, draw => Assert.Equal(draw.Account.ToString(), variables[draw.Variable]));
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void The_balance_read_plan_of_each_template_is_exactly_its_bounded_sources_in_lock_order(string name)
    {
        var example = TemplateExamples.Of(name);

        var plan = NumscriptInterpreter.PlanBalanceReads(TemplateLedger.Program(name), TemplateCalls.Variables(example.Variables));

        Assert.True(plan.IsSuccess, plan.Error?.ToString());
        Assert.Equal(
            example.Draws.Select(d => new BalanceKey(d.Account.ToString(), d.Amount.Currency.Asset))
                .OrderBy(k => k.Account, StringComparer.Ordinal)
                .ThenBy(k => k.Asset, StringComparer.Ordinal),
            plan.Value);
    }

    [Fact]
    public void Only_the_templates_that_record_money_arriving_from_outside_draw_from_world_alone() =>
        Assert.Equal(
            ["bank_funding", "correction_credit", "opening_balance", "payin"],
            TemplateExamples.All.Where(e => e.Draws.Count == 0).Select(e => e.Template).Order(StringComparer.Ordinal));

    private static string TypeName(NumscriptType type) => type switch
    {
        NumscriptType.Monetary => "monetary",
        NumscriptType.Account => "account",
        NumscriptType.Number => "number",
        NumscriptType.String => "string",
        NumscriptType.Portion => "portion",
        NumscriptType.Asset => "asset",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
