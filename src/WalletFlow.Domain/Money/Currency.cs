using System.Collections.Frozen;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Domain.Money;

/// <summary>
/// A currency WalletFlow can hold: its code and its minor-unit exponent (USD 2, JPY 0, KWD 3, USDC 6).
/// Instances come only from the scale table, so no code path can invent a scale.
/// </summary>
public sealed record Currency
{
    private static readonly FrozenDictionary<string, Currency> ByCode =
        CurrencyTable.Iso4217.Concat(CurrencyTable.Stablecoins).ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);

    internal Currency(string code, int exponent, bool isStablecoin = false)
    {
        Code = code;
        Exponent = exponent;
        IsStablecoin = isStablecoin;
    }

    /// <summary>The uppercase code: ISO 4217 alpha code, or the token symbol for a stablecoin.</summary>
    public string Code { get; }

    /// <summary>How many decimals the minor unit has: an amount of 1 in the minor unit is 10^-Exponent.</summary>
    public int Exponent { get; }

    public bool IsStablecoin { get; }

    /// <summary>The Formance asset notation: <c>USD/2</c>, <c>USDC/6</c>, and the bare code when the scale is 0 (<c>JPY</c>).</summary>
    public string Asset => FormanceAsset.Format(this);

    /// <summary>Every currency in the table, ordered by code.</summary>
    public static IReadOnlyList<Currency> All { get; } = [.. ByCode.Values.OrderBy(c => c.Code, StringComparer.Ordinal)];

    /// <summary>Looks a currency up by its exact uppercase code; anything else is <see cref="ErrorCodes.CurrencyUnknown"/>.</summary>
    public static Result<Currency> Find(string? code) =>
        code is not null && ByCode.TryGetValue(code, out var currency)
            ? currency
            : new Error(ErrorCodes.CurrencyUnknown, $"Currency '{code}' is not in WalletFlow's currency table.", "currency");

    /// <summary>Reads a Formance asset (<c>USD/2</c>, <c>JPY</c>); the scale must be the table's.</summary>
    public static Result<Currency> FromAsset(string? asset) => FormanceAsset.Parse(asset);

    public override string ToString() => Code;
}
