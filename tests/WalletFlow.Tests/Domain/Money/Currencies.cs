using WalletFlow.Domain.Money;

namespace WalletFlow.Tests.Domain.Money;

/// <summary>Currencies the tests use, looked up in the real table.</summary>
internal static class Currencies
{
    public static Currency Usd { get; } = Get("USD");

    public static Currency Eur { get; } = Get("EUR");

    public static Currency Jpy { get; } = Get("JPY");

    public static Currency Kwd { get; } = Get("KWD");

    public static Currency Ngn { get; } = Get("NGN");

    public static Currency Usdc { get; } = Get("USDC");

    public static Currency Usdt { get; } = Get("USDT");

    public static Currency Get(string code) => Currency.Find(code).Value;
}
