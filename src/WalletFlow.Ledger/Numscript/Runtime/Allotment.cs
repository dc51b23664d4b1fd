using System.Numerics;
using WalletFlow.Domain.Errors;
using WalletFlow.Ledger.Numscript.Syntax;

namespace WalletFlow.Ledger.Numscript.Runtime;

/// <summary>
/// Splits an amount by portions the way Formance's makeAllotment does: every part gets floor(amount × portion), then
/// the units left over go one at a time to the parts in the order they are written, starting with the first. So 15
/// split 80%/8%/12% is 12+1+1 floored, and the one unit left makes it 13/1/1.
/// </summary>
internal static class Allotment
{
    /// <param name="portions">One per part; the <c>remaining</c> part's entry is overwritten with 1 minus the others.</param>
    /// <param name="remainingIndex">The index of the <c>remaining</c> part, or -1.</param>
    public static Error? Split(BigInteger amount, Rational[] portions, int remainingIndex, SourcePosition position, out BigInteger[] parts)
    {
        parts = [];
        var sum = Rational.Zero;
        for (var i = 0; i < portions.Length; i++)
        {
            if (i == remainingIndex)
            {
                continue;
            }

            if (portions[i].Sign < 0)
            {
                return NumscriptErrors.NegativePortion(portions[i], position);
            }

            sum = sum.Add(portions[i]);
        }

        var comparedToOne = sum.CompareTo(Rational.One);
        if (remainingIndex >= 0 ? comparedToOne > 0 : comparedToOne != 0)
        {
            return NumscriptErrors.InvalidAllotmentSum(sum, position);
        }

        if (remainingIndex >= 0)
        {
            portions[remainingIndex] = Rational.One.Subtract(sum);
        }

        parts = new BigInteger[portions.Length];
        var allocated = BigInteger.Zero;
        for (var i = 0; i < portions.Length; i++)
        {
            parts[i] = portions[i].FloorOf(amount);
            allocated += parts[i];
        }

        for (var i = 0; i < parts.Length && allocated < amount; i++)
        {
            parts[i] += BigInteger.One;
            allocated += BigInteger.One;
        }

        return null;
    }
}
