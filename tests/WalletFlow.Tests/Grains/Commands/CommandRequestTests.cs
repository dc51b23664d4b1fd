using System.Text.Json.Nodes;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Controls;
using WalletFlow.Application.Wallets;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Tests.Grains.Commands;

/// <summary>The one reading of a command's fields that REST and the console share: exact names, the right kind of value, decodable text.</summary>
public sealed class CommandRequestTests
{
    [Fact]
    public void A_well_formed_body_becomes_the_request_record()
    {
        var read = CommandRequest.FromJson(Body("""{"bankId":"citi","amount":"12.50","currency":"USD","reference":null}"""), typeof(PostPayinRequest));

        Assert.Equal(new PostPayinRequest(null, "citi", "12.50", "USD", null, null), read.Value);
    }

    [Fact]
    public void A_case_variant_of_a_field_is_an_unknown_field_that_points_at_the_right_name()
    {
        var read = CommandRequest.FromJson(Body("""{"walletId":"wal_a","walletID":"wal_b","bankId":"citi","amount":"1","currency":"USD"}"""), typeof(PostPayinRequest));

        var error = read.Error!;
        Assert.Equal((ErrorCodes.Validation, "walletID"), (error.Code, error.Field));
        Assert.Contains("did you mean 'walletId'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_wrong_field_is_named_at_once()
    {
        var read = CommandRequest.FromJson(Body("""{"bankId":12,"amount":12.5,"currency":{"code":"USD"},"colour":"red"}"""), typeof(PostPayinRequest));

        Assert.Equal(["bankId", "amount", "currency", "colour"], read.Error!.Details.Select(detail => detail.Field));
    }

    [Fact]
    public void A_number_for_an_amount_says_to_send_decimal_text_and_names_no_type()
    {
        var error = CommandRequest.FromJson(Body("""{"bankId":"citi","amount":12.5,"currency":"USD"}"""), typeof(PostPayinRequest)).Error!;

        Assert.Equal("amount", error.Field);
        Assert.Contains("\"12.50\"", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("WalletFlow.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"yes\"")]
    [InlineData("1")]
    [InlineData("[]")]
    public void A_switch_takes_only_true_or_false(string value)
    {
        var error = CommandRequest.FromJson(Body($$"""{"flag":"core_wallet_enabled","scopeType":"global","enabled":{{value}}}"""), typeof(SetFeatureFlagRequest)).Error!;

        Assert.Equal(("enabled", ErrorCodes.Validation), (error.Field, error.Code));
    }

    [Fact]
    public void An_escaped_lone_surrogate_is_refused_not_thrown()
    {
        var error = CommandRequest.FromJson(Body("""{"merchantId":"acme","currency":"USD","label":"a\ud800b"}"""), typeof(CreateWalletRequest)).Error!;

        Assert.Equal(("label", ErrorCodes.Validation), (error.Field, error.Code));
        Assert.Contains("unpaired surrogate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_surrogate_a_form_put_in_a_field_is_refused_too()
    {
        var body = new JsonObject { ["merchantId"] = "acme", ["currency"] = "USD", ["label"] = "a\ud800" };

        Assert.Equal("label", CommandRequest.FromJson(body, typeof(CreateWalletRequest)).Error!.Field);
    }

    [Fact]
    public void An_unknown_name_is_echoed_only_as_printable_ascii()
    {
        var error = CommandRequest.FromJson(new JsonObject { ["bad\u0000\u202ename"] = "x" }, typeof(CreateWalletRequest)).Error!;

        Assert.Equal("bad??name", error.Field);
        Assert.DoesNotContain('\u0000', error.Message);
        Assert.DoesNotContain('\u202e', error.Message);
    }

    private static JsonObject Body(string json) => JsonNode.Parse(json)!.AsObject();
}
