using WalletFlow.Application.Commands;
using WalletFlow.Application.Payouts;
using WalletFlow.Application.Wallets;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Tests.Grains.Commands;

/// <summary>The text rules the executor applies to every command from every front, before a handler reads a field.</summary>
public sealed class RequestTextTests
{
    [Theory]
    [InlineData("inv-1001")]
    [InlineData("Facture n° 42 — Zoë's café ☕")]
    [InlineData("付款 👩‍👩‍👧")]
    [InlineData("")]
    public void Ordinary_text_in_any_script_passes(string reference) =>
        Assert.Null(RequestText.Check(Transfer(reference), typeof(TransferRequest)));

    [Theory]
    [InlineData("a\u0000b", "U+0000")]
    [InlineData("line\nbreak", "U+000A")]
    [InlineData("bell\u0007", "U+0007")]
    [InlineData("c1\u0085", "U+0085")]
    [InlineData("abc\u202Eevil", "U+202E")]
    [InlineData("\u2066isolated\u2069", "U+2066")]
    public void Control_and_direction_characters_are_refused_by_their_code_point(string reference, string named)
    {
        var error = RequestText.Check(Transfer(reference), typeof(TransferRequest))!;

        Assert.Equal((ErrorCodes.Validation, "reference"), (error.Code, error.Field));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unpaired_surrogate_is_refused_while_a_pair_is_one_character()
    {
        Assert.Equal("reference", RequestText.Check(Transfer("x\ud83d"), typeof(TransferRequest))!.Field);
        Assert.Null(RequestText.Check(Transfer(string.Concat(Enumerable.Repeat("😀", 200))), typeof(TransferRequest)));
    }

    [Fact]
    public void Lengths_are_per_field_and_counted_in_characters()
    {
        Assert.Null(RequestText.Check(Transfer(new string('é', 200)), typeof(TransferRequest)));
        Assert.Contains("at most 200 characters; it has 201", RequestText.Check(Transfer(new string('é', 201)), typeof(TransferRequest))!.Message, StringComparison.Ordinal);

        var longId = new TransferRequest(new string('a', 65), "wal_b", "1.00", "USD", null);
        Assert.Equal("sourceWalletId", RequestText.Check(longId, typeof(TransferRequest))!.Field);
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once()
    {
        var request = new ReservePayoutRequest("wal\u0000", "1.00", "USD", "wise\u202E", "citi", "Jane\u0007", "ref");

        Assert.Equal(["walletId", "provider", "beneficiary"], RequestText.Check(request, typeof(ReservePayoutRequest))!.Details.Select(detail => detail.Field));
    }

    private static TransferRequest Transfer(string reference) => new("wal_a", "wal_b", "1.00", "USD", reference);
}
