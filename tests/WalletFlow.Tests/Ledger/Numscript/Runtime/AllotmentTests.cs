using System.Numerics;
using WalletFlow.Domain.Errors;
using WalletFlow.Ledger.Numscript.Runtime;
using WalletFlow.Ledger.Numscript.Syntax;

namespace WalletFlow.Tests.Ledger.Numscript.Runtime;

public sealed class AllotmentTests
{
    private static readonly SourcePosition Here = new(1, 1);

    private static Rational R(long numerator, long denominator) => Rational.Create(numerator, denominator);

    private static BigInteger[] Split(long amount, int remainingIndex, params Rational[] portions)
    {
        var error = Allotment.Split(amount, portions, remainingIndex, Here, out var parts);
        Assert.Null(error);
        return parts;
    }

    [Fact]
    public void Allotment_remainder_goes_to_the_first_parts_in_order()
    {
        Assert.Equal([13, 1, 1], Split(15, -1, R(80, 100), R(8, 100), R(12, 100)));
    }

    [Fact]
    public void Rounding_spreads_leftover_units_from_the_top_as_Formance_documents()
    {
        Assert.Equal([50, 49], Split(99, -1, R(1, 2), R(1, 2)));
        Assert.Equal([20, 20, 20, 20, 19], Split(99, -1, R(1, 5), R(1, 5), R(1, 5), R(1, 5), R(1, 5)));
    }

    [Fact]
    public void Remaining_takes_one_minus_the_other_portions_wherever_it_is_written()
    {
        Assert.Equal([7, 3], Split(10, 0, default, R(1, 3)));
        Assert.Equal([4, 6], Split(10, 1, R(1, 3), default));
    }

    [Fact]
    public void Remaining_of_nothing_gets_nothing()
    {
        Assert.Equal([10, 0], Split(10, 1, R(1, 1), default));
    }

    [Fact]
    public void Portions_that_do_not_sum_to_one_are_an_error()
    {
        var error = Allotment.Split(10, [R(1, 2), R(1, 4)], -1, Here, out _);
        Assert.Equal(ErrorCodes.InterpreterRuntime, error!.Code);
        Assert.Contains("3/4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Portions_above_one_are_an_error_even_with_remaining()
    {
        var error = Allotment.Split(10, [R(2, 3), R(2, 3), default], 2, Here, out _);
        Assert.Contains("4/3", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_portion_is_an_error()
    {
        var error = Allotment.Split(90, [R(-1, 3), default], 1, Here, out _);
        Assert.Contains("cannot be negative", error!.Message, StringComparison.Ordinal);
    }
}
