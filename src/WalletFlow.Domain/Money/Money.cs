using WalletFlow.Domain.Errors;

namespace WalletFlow.Domain.Money;

/// <summary>
/// An amount in minor units of a currency: 1230 USD is 12.30 US dollars. 64 bits hold more than 92 quadrillion
/// units of any 2-decimal currency and 9 trillion USDC, beyond any single balance WalletFlow carries, and map
/// one-to-one onto the ledger's integers; every operation that could leave that range is checked and fails as a
/// value instead of wrapping.
/// </summary>
public readonly record struct Money(long Minor, Currency Currency)
{
    public Currency Currency { get; } = Currency ?? throw new ArgumentNullException(nameof(Currency));

    public bool IsZero => Minor == 0;

    public bool IsNegative => Minor < 0;

    public static Money Zero(Currency currency) => new(0, currency);

    /// <summary>Reads decimal text at the currency's scale: "12.3" USD is 1230; "12.345" USD is refused, never rounded.</summary>
    public static Result<Money> Parse(string? amount, Currency currency, AmountSign sign = AmountSign.NonNegative) =>
        DecimalAmount.Parse(amount, currency, sign).Map(minor => new Money(minor, currency));

    /// <summary>Looks the currency up, then parses the amount at its scale.</summary>
    public static Result<Money> Parse(string? amount, string? currencyCode, AmountSign sign = AmountSign.NonNegative) =>
        Currency.Find(currencyCode).Bind(currency => Parse(amount, currency, sign));

    /// <summary>Converts a decimal from an edge (a JSON number, a form) exactly, or explains why it cannot.</summary>
    public static Result<Money> FromDecimal(decimal amount, Currency currency, AmountSign sign = AmountSign.NonNegative)
    {
        ArgumentNullException.ThrowIfNull(currency);
        if (amount < 0 && sign == AmountSign.NonNegative)
        {
            return new Error(ErrorCodes.InvalidAmount, $"{amount} is negative; only non-negative amounts are accepted here.", "amount");
        }

        // Checked before scaling so the multiplication below cannot overflow decimal itself.
        var factor = DecimalAmount.PowerOfTen(currency.Exponent);
        if (Math.Abs(amount) > 9_223_372_036_854_775_808m / factor)
        {
            return Overflow($"{amount} {currency.Code}");
        }

        // Multiplying by a power of ten only moves the decimal point, so this is exact.
        var scaled = amount * factor;
        if (scaled != decimal.Truncate(scaled))
        {
            var allowed = currency.Exponent == 0 ? "no decimals" : $"{currency.Exponent} decimals";
            return new Error(ErrorCodes.InvalidAmount, $"{amount} has more decimals than {currency.Code} allows ({allowed}).", "amount");
        }

        return scaled is < long.MinValue or > long.MaxValue
            ? Overflow($"{amount} {currency.Code}")
            : new Money((long)scaled, currency);
    }

    /// <summary>The amount as a decimal at the currency's scale (12.30m for 1230 USD). Always exact.</summary>
    public decimal ToDecimal()
    {
        var magnitude = DecimalAmount.Magnitude(Minor);
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, IsNegative, (byte)Currency.Exponent);
    }

    /// <summary>Decimal text at the currency's scale: "12.30", "100" (JPY), "1.000000" (USDC).</summary>
    public string ToDecimalString() => DecimalAmount.Format(Minor, Currency.Exponent);

    public Result<Money> Add(Money other) => Combine(other, "add", (Int128)Minor + other.Minor);

    public Result<Money> Subtract(Money other) => Combine(other, "subtract", (Int128)Minor - other.Minor);

    public Result<Money> Negate() =>
        Minor == long.MinValue ? Overflow($"-({this})") : new Money(-Minor, Currency);

    public override string ToString() => $"{ToDecimalString()} {Currency.Code}";

    private Result<Money> Combine(Money other, string operation, Int128 exact)
    {
        if (other.Currency != Currency)
        {
            return new Error(ErrorCodes.CurrencyMismatch, $"Cannot {operation} {other} and {this}: the currencies differ.");
        }

        return exact < long.MinValue || exact > long.MaxValue
            ? Overflow($"{this} {(operation == "add" ? "+" : "-")} {other}")
            : new Money((long)exact, Currency);
    }

    private static Error Overflow(string expression) =>
        new(ErrorCodes.AmountOverflow, $"{expression} does not fit in 64-bit minor units.", "amount");
}
