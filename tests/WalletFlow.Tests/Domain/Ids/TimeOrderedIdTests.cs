using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Tests.Domain.Ids;

public sealed class TimeOrderedIdTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_new_wallet_id_is_the_prefix_and_a_version_7_guid_in_lowercase_hex()
    {
        var id = WalletId.New(new FixedTimeProvider(Noon));

        Assert.Matches("^wal_[0-9a-f]{32}$", id.ToString());
        Assert.Equal(7, id.Value.Version);
    }

    [Fact]
    public void A_new_hold_id_has_its_own_prefix() =>
        Assert.Matches("^hold_[0-9a-f]{32}$", HoldId.New(new FixedTimeProvider(Noon)).ToString());

    [Fact]
    public void The_id_carries_the_time_it_was_generated_from_the_time_provider()
    {
        Assert.Equal(Noon, WalletId.New(new FixedTimeProvider(Noon)).CreatedAt);
        Assert.Equal(Noon, HoldId.New(new FixedTimeProvider(Noon)).CreatedAt);
    }

    [Fact]
    public void Ids_generated_later_sort_after_earlier_ones()
    {
        var clock = new FixedTimeProvider(Noon);
        var first = WalletId.New(clock);
        clock.Now = Noon.AddMilliseconds(1);
        var second = WalletId.New(clock);

        Assert.True(string.CompareOrdinal(first.ToString(), second.ToString()) < 0);
    }

    [Fact]
    public void An_id_parses_back_to_itself()
    {
        var wallet = WalletId.New(TimeProvider.System);
        var hold = HoldId.New(TimeProvider.System);

        Assert.Equal(wallet, WalletId.Parse(wallet.ToString()).Value);
        Assert.Equal(hold, HoldId.Parse(hold.ToString()).Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wal_")]
    [InlineData("0192f0c1d2e37a4b8c9d0e1f2a3b4c5d")]
    [InlineData("hold_0192f0c1d2e37a4b8c9d0e1f2a3b4c5d")]
    [InlineData("WAL_0192f0c1d2e37a4b8c9d0e1f2a3b4c5d")]
    [InlineData("wal_0192F0C1D2E37A4B8C9D0E1F2A3B4C5D")]
    [InlineData("wal_0192f0c1-d2e3-7a4b-8c9d-0e1f2a3b4c5d")]
    [InlineData("wal_0192f0c1d2e37a4b8c9d0e1f2a3b4c5")]
    [InlineData("wal_0192f0c1d2e37a4b8c9d0e1f2a3b4c5dd")]
    [InlineData("wal_0192f0c1d2e37a4b8c9d0e1f2a3b4c5g")]
    [InlineData("wal_0192f0c1d2e34a4b8c9d0e1f2a3b4c5d")]
    [InlineData("wal_0192f0c1d2e37a4bcc9d0e1f2a3b4c5d")]
    [InlineData("wal_00000000000000000000000000000000")]
    public void Parsing_rejects_anything_but_the_exact_format(string? text)
    {
        var error = WalletId.Parse(text).Error;

        Assert.Equal(ErrorCodes.InvalidId, error?.Code);
        Assert.Equal("walletId", error!.Field);
    }

    [Fact]
    public void A_well_formed_version_7_wallet_id_parses() =>
        Assert.True(WalletId.Parse("wal_0192f0c1d2e37a4b8c9d0e1f2a3b4c5d").IsSuccess);
}
