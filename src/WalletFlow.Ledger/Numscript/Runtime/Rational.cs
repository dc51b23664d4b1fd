using System.Globalization;
using System.Numerics;

namespace WalletFlow.Ledger.Numscript.Runtime;

/// <summary>
/// An exact fraction, always reduced with a positive denominator, so equal portions compare equal and print the way
/// Go's <c>big.Rat</c> does (<c>"3/25"</c>, <c>"1/1"</c>), which is how Formance renders portions in metadata.
/// </summary>
internal readonly record struct Rational : IComparable<Rational>
{
    private Rational(BigInteger numerator, BigInteger denominator)
    {
        Numerator = numerator;
        Denominator = denominator;
    }

    public BigInteger Numerator { get; }

    public BigInteger Denominator { get; }

    public static Rational Zero { get; } = new(BigInteger.Zero, BigInteger.One);

    public static Rational One { get; } = new(BigInteger.One, BigInteger.One);

    public int Sign => Numerator.Sign;

    /// <summary>Builds <paramref name="numerator"/>/<paramref name="denominator"/>; the denominator must not be zero.</summary>
    public static Rational Create(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new ArgumentOutOfRangeException(nameof(denominator), "A rational cannot have a zero denominator.");
        }

        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        return gcd.IsOne ? new(numerator, denominator) : new(numerator / gcd, denominator / gcd);
    }

    public Rational Add(Rational other) => Denominator == other.Denominator
        ? Create(Numerator + other.Numerator, Denominator)
        : Create((Numerator * other.Denominator) + (other.Numerator * Denominator), Denominator * other.Denominator);

    public Rational Subtract(Rational other) => Add(new Rational(-other.Numerator, other.Denominator));

    public int CompareTo(Rational other) => Denominator == other.Denominator
        ? Numerator.CompareTo(other.Numerator)
        : (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    /// <summary>floor(<paramref name="amount"/> × this) for a non-negative amount and portion.</summary>
    public BigInteger FloorOf(BigInteger amount) => Denominator.IsOne ? amount * Numerator : amount * Numerator / Denominator;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}");
}
