using FsCheck;
using FsCheck.Fluent;
using WalletFlow.Domain.Money;
using Cash = WalletFlow.Domain.Money.Money;

namespace WalletFlow.Tests.Domain.Money;

public sealed class MoneyPropertyTests
{
    /// <summary>Any 64-bit amount, with the edges weighted in, in any currency of the table.</summary>
    private static readonly Arbitrary<Cash> AnyMoney =
        Gen.Frequency(
                (8, from high in Gen.Choose(int.MinValue, int.MaxValue)
                    from low in Gen.Choose(int.MinValue, int.MaxValue)
                    select ((long)high << 32) | (uint)low),
                (4, Gen.Choose(-1_000_000, 1_000_000).Select(small => (long)small)),
                (1, Gen.Elements(long.MinValue, long.MinValue + 1, -1L, 0L, 1L, long.MaxValue - 1, long.MaxValue)))
            .SelectMany(_ => Gen.Elements(Currency.All.ToArray()), (minor, currency) => new Cash(minor, currency))
            .ToArbitrary();

    [Fact]
    public void Parsing_what_was_formatted_gives_back_the_same_money() =>
        Check.QuickThrowOnFailure(Prop.ForAll(AnyMoney, money =>
            Cash.Parse(money.ToDecimalString(), money.Currency, AmountSign.Signed).Value == money));

    [Fact]
    public void Converting_to_decimal_and_back_gives_back_the_same_money() =>
        Check.QuickThrowOnFailure(Prop.ForAll(AnyMoney, money =>
            Cash.FromDecimal(money.ToDecimal(), money.Currency, AmountSign.Signed).Value == money));

    [Fact]
    public void Adding_then_subtracting_is_the_identity_when_nothing_overflows() =>
        Check.QuickThrowOnFailure(Prop.ForAll(AnyMoney, AnyMoney, (a, b) =>
        {
            // Halved so that most pairs stay in range and the identity is actually exercised.
            var same = new Cash(b.Minor / 2, a.Currency);
            var sum = a.Add(same);
            return !sum.IsSuccess || sum.Value.Subtract(same).Value == a;
        }));

    [Fact]
    public void Adding_overflows_exactly_when_the_true_sum_leaves_64_bits() =>
        Check.QuickThrowOnFailure(Prop.ForAll(AnyMoney, AnyMoney, (a, b) =>
        {
            var same = new Cash(b.Minor, a.Currency);
            var exact = (Int128)a.Minor + b.Minor;
            return a.Add(same).IsSuccess == (exact >= long.MinValue && exact <= long.MaxValue);
        }));
}
