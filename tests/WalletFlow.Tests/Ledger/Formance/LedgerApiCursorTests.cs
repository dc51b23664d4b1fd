using WalletFlow.Api.Ledger;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Tests.Ledger.Formance;

public sealed class LedgerApiCursorTests
{
    [Fact]
    public void A_cursor_carries_the_whole_listing_it_continues()
    {
        var listing = new LedgerApiCursor
        {
            Address = "wallets::available",
            Metadata = new Dictionary<string, string> { ["tier"] = "gold" },
            AsOf = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero),
            ExpandVolumes = true,
            PageSize = 7,
            Position = "",
        };

        var decoded = LedgerApiCursor.Decode(listing.At("ledger-position")!).Value;

        Assert.Equal("wallets::available", decoded.ToAccountQuery().Address);
        Assert.Equal("gold", decoded.ToAccountQuery().Metadata["tier"]);
        Assert.Equal(listing.AsOf, decoded.ToAccountQuery().AsOf);
        Assert.Equal((7, "ledger-position"), (decoded.ToAccountQuery().PageSize, decoded.ToAccountQuery().Cursor));
        Assert.True(decoded.ExpandVolumes);
        Assert.DoesNotContain('+', listing.At("ledger-position")!);
    }

    [Fact]
    public void No_position_means_no_cursor_and_a_first_page_reads_from_the_start()
    {
        var listing = new LedgerApiCursor { PageSize = 15, Position = "" };

        Assert.Null(listing.At(null));
        Assert.Null(listing.ToTransactionQuery().Cursor);
    }

    [Theory]
    [InlineData("not base64 ***")]
    [InlineData("bm90LWpzb24")]
    [InlineData("e30")]
    public void A_cursor_that_was_not_handed_out_is_a_validation_error(string cursor) =>
        Assert.Equal(ErrorCodes.Validation, LedgerApiCursor.Decode(cursor).Error?.Code);
}
