using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Templates;

namespace WalletFlow.Tests.Domain.Templates;

public sealed class TemplateReaderTests
{
    private const string Valid = """
        // Moves money.
        //
        // Variables:
        //   $amount  monetary: how much
        //   $wallet  account wallets:*:available: where to

        vars {
          monetary $amount
          account $wallet
        }

        send $amount (
          source = @world
          destination = $wallet
        )

        set_tx_meta("event_type", "test")
        """;

    private static string Rejection(string text)
    {
        var error = TemplateCatalog.Read("test", text).Error;
        Assert.Equal(ErrorCodes.Validation, error?.Code);
        return error!.Message;
    }

    [Fact]
    public void A_documented_template_reads()
    {
        var template = TemplateCatalog.Read("test", Valid).Value;

        Assert.Equal("Moves money.", template.Description);
        Assert.Equal(["amount", "wallet"], template.Variables.Select(v => v.Name));
        Assert.Equal(["world"], template.AccountLiterals);
        Assert.Equal("test", template.EventType);
    }

    [Fact]
    public void A_declared_variable_missing_from_the_header_is_rejected() =>
        Assert.Contains(
            "$fee (monetary) is declared but not documented",
            Rejection(Valid.Replace("  account $wallet", "  account $wallet\n  monetary $fee", StringComparison.Ordinal)),
            StringComparison.Ordinal);

    [Fact]
    public void A_documented_variable_missing_from_the_vars_block_is_rejected() =>
        Assert.Contains(
            "the header documents $wallet, which vars { } does not declare",
            Rejection(Valid.Replace("  account $wallet\n", string.Empty, StringComparison.Ordinal)),
            StringComparison.Ordinal);

    [Fact]
    public void An_account_variable_without_patterns_is_rejected() =>
        Assert.Contains(
            "does not say which accounts $wallet takes",
            Rejection(Valid.Replace("account wallets:*:available:", "account:", StringComparison.Ordinal)),
            StringComparison.Ordinal);

    [Fact]
    public void A_template_without_a_description_is_rejected() =>
        Assert.Contains("does not say what it does", Rejection(Valid.Replace("// Moves money.\n", string.Empty, StringComparison.Ordinal)), StringComparison.Ordinal);

    [Fact]
    public void A_template_without_an_event_type_is_rejected() =>
        Assert.Contains(
            "does not set the event_type",
            Rejection(Valid.Replace("set_tx_meta(\"event_type\", \"test\")", string.Empty, StringComparison.Ordinal)),
            StringComparison.Ordinal);

    [Fact]
    public void A_template_without_a_vars_block_is_rejected() =>
        Assert.Contains("no complete vars { } block", Rejection("// Moves money.\nsend [USD/2 1] (\n  source = @world\n  destination = @x\n)\n"), StringComparison.Ordinal);
}
