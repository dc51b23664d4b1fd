using System.Globalization;
using System.Numerics;

namespace WalletFlow.Ledger.Numscript.Runtime;

/// <summary>
/// A Numscript value. A struct with one field per representation, so evaluating an expression allocates nothing:
/// <see cref="Text"/> holds the account, asset or string (and a monetary's asset), <see cref="Integer"/> a number or a
/// monetary's amount, <see cref="Portion"/> a portion.
/// </summary>
internal readonly record struct Value
{
    private Value(NumscriptType type, string text, BigInteger integer, Rational portion)
    {
        Type = type;
        Text = text;
        Integer = integer;
        Portion = portion;
    }

    public NumscriptType Type { get; }

    public string Text { get; }

    public BigInteger Integer { get; }

    public Rational Portion { get; }

    public static Value Monetary(string asset, BigInteger amount) => new(NumscriptType.Monetary, asset, amount, default);

    public static Value Account(string address) => new(NumscriptType.Account, address, default, default);

    public static Value Number(BigInteger number) => new(NumscriptType.Number, string.Empty, number, default);

    public static Value String(string text) => new(NumscriptType.String, text, default, default);

    public static Value OfPortion(Rational portion) => new(NumscriptType.Portion, string.Empty, default, portion);

    public static Value Asset(string asset) => new(NumscriptType.Asset, asset, default, default);

    /// <summary>The string Formance writes into metadata for this value (its <c>Value.String()</c>).</summary>
    public string ToMetadataString() => Type switch
    {
        NumscriptType.Monetary => string.Create(CultureInfo.InvariantCulture, $"{Text} {Integer}"),
        NumscriptType.Number => Integer.ToString(CultureInfo.InvariantCulture),
        NumscriptType.Portion => Portion.ToString(),
        _ => Text,
    };
}
