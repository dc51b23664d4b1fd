using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Templates;

namespace WalletFlow.Tests.Domain.Templates;

/// <summary>
/// Runs that must not post: a bounded source (a wallet, a hold, a bank, a pool, an FX position, custody, a
/// counterparty balance) that cannot cover its part, and a call that leaves a variable out or malforms one.
/// </summary>
public sealed class TemplateRejectionTests
{
    /// <summary>Every (template, variable) whose account the template draws from.</summary>
    public static TheoryData<string, string> BoundedSources =>
        [.. TemplateExamples.All.SelectMany(e => e.Draws.Select(d => (e.Template, d.Variable)))];

    /// <summary>Every (template, variable) the template declares.</summary>
    public static TheoryData<string, string> DeclaredVariables =>
        [.. TemplateCatalog.All.SelectMany(t => t.Variables.Select(v => (t.Name, v.Name)))];

    public static TheoryData<string> TemplateNames => [.. TemplateCatalog.All.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(BoundedSources))]
    public void A_template_fails_with_insufficient_funds_when_a_source_it_draws_from_is_unfunded(string template, string variable)
    {
        var example = TemplateExamples.Of(template);
        var unfunded = example.Draws.Single(d => d.Variable == variable);
        var ledger = new TemplateLedger();
        foreach (var draw in example.Draws.Where(d => d != unfunded))
        {
            ledger.Fund(draw.Account, draw.Amount);
        }

        var error = ledger.Fails(template, ErrorCodes.InsufficientFunds, [.. example.Variables]);

        Assert.Contains("@" + unfunded.Account, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BoundedSources))]
    public void A_template_fails_with_insufficient_funds_when_a_source_is_one_minor_unit_short(string template, string variable)
    {
        var example = TemplateExamples.Of(template);
        var ledger = new TemplateLedger();
        foreach (var draw in example.Draws)
        {
            ledger.Fund(draw.Account, draw.Variable == variable ? draw.Amount with { Minor = draw.Amount.Minor - 1 } : draw.Amount);
        }

        var error = ledger.Fails(template, ErrorCodes.InsufficientFunds, [.. example.Variables]);

        Assert.Contains("@" + example.Draws.Single(d => d.Variable == variable).Account, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DeclaredVariables))]
    public void A_template_fails_validation_naming_a_variable_left_out(string template, string variable)
    {
        var example = TemplateExamples.Of(template);

        var error = example.FundedLedger().Fails(template, ErrorCodes.Validation, [.. example.Variables.Where(v => v.Name != variable)]);

        Assert.Equal(variable, error.Field);
        Assert.Contains("$" + variable, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void A_template_fails_validation_on_an_amount_in_major_units_instead_of_minor_units(string template)
    {
        var example = TemplateExamples.Of(template);
        var (name, value) = example.Variables.First(v => TemplateCatalog.Find(template).Value.Variables.Single(d => d.Name == v.Name).Type == "monetary");
        var major = value[..(value.Length - 2)] + "." + value[^2..];

        var error = example.FundedLedger().Fails(template, ErrorCodes.Validation, [.. example.Variables.Select(v => v.Name == name ? (name, major) : v)]);

        Assert.Equal(name, error.Field);
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void A_template_fails_validation_on_an_account_variable_written_with_an_at_sign(string template)
    {
        var example = TemplateExamples.Of(template);
        var (name, value) = example.Variables.First(v => TemplateCatalog.Find(template).Value.Variables.Single(d => d.Name == v.Name).Type == "account");

        var error = example.FundedLedger().Fails(template, ErrorCodes.Validation, [.. example.Variables.Select(v => v.Name == name ? (name, "@" + value) : v)]);

        Assert.Equal(name, error.Field);
    }
}
