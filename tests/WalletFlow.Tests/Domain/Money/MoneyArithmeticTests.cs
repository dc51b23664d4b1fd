using WalletFlow.Domain.Errors;
using Cash = WalletFlow.Domain.Money.Money;

namespace WalletFlow.Tests.Domain.Money;

public sealed class MoneyArithmeticTests
{
    private static Cash Usd(long minor) => new(minor, Currencies.Usd);

    [Fact]
    public void Adding_and_subtracting_work_in_minor_units()
    {
        Assert.Equal(Usd(1500), Usd(1000).Add(Usd(500)).Value);
        Assert.Equal(Usd(-500), Usd(1000).Subtract(Usd(1500)).Value);
        Assert.Equal(Usd(-1000), Usd(1000).Negate().Value);
    }

    [Fact]
    public void Mixing_currencies_is_a_currency_mismatch()
    {
        var euros = new Cash(100, Currencies.Eur);

        Assert.Equal(ErrorCodes.CurrencyMismatch, Usd(100).Add(euros).Error?.Code);
        Assert.Equal(ErrorCodes.CurrencyMismatch, Usd(100).Subtract(euros).Error?.Code);
    }

    [Fact]
    public void Adding_past_the_64_bit_range_overflows_instead_of_wrapping()
    {
        Assert.Equal(ErrorCodes.AmountOverflow, Usd(long.MaxValue).Add(Usd(1)).Error?.Code);
        Assert.Equal(ErrorCodes.AmountOverflow, Usd(long.MinValue).Add(Usd(-1)).Error?.Code);
    }

    [Fact]
    public void Subtracting_past_the_64_bit_range_overflows_instead_of_wrapping()
    {
        Assert.Equal(ErrorCodes.AmountOverflow, Usd(long.MinValue).Subtract(Usd(1)).Error?.Code);
        Assert.Equal(ErrorCodes.AmountOverflow, Usd(0).Subtract(Usd(long.MinValue)).Error?.Code);
    }

    [Fact]
    public void Negating_the_smallest_amount_overflows() =>
        Assert.Equal(ErrorCodes.AmountOverflow, Usd(long.MinValue).Negate().Error?.Code);

    [Fact]
    public void The_extremes_are_still_reachable()
    {
        Assert.Equal(Usd(long.MaxValue), Usd(long.MaxValue - 1).Add(Usd(1)).Value);
        Assert.Equal(Usd(long.MinValue), Usd(-1).Subtract(Usd(long.MaxValue)).Value);
    }

    [Fact]
    public void Money_needs_a_currency() =>
        Assert.Throws<ArgumentNullException>(() => new Cash(1, null!));

    [Fact]
    public void Zero_is_zero_in_its_currency()
    {
        Assert.True(Cash.Zero(Currencies.Jpy).IsZero);
        Assert.Equal(Currencies.Jpy, Cash.Zero(Currencies.Jpy).Currency);
        Assert.True(Usd(-1).IsNegative);
    }
}
