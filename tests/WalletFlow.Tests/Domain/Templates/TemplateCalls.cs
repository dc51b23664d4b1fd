using System.Globalization;
using WalletFlow.Domain.Accounts;
using WalletFlow.Domain.Ids;
using WalletFlow.Ledger.Numscript;
using WalletFlow.Tests.Domain.Ids;
using WalletFlow.Tests.Domain.Money;
using Cash = WalletFlow.Domain.Money.Money;

namespace WalletFlow.Tests.Domain.Templates;

/// <summary>
/// The parties of the template tests, built with the typed ids and addresses, and helpers that turn them into the
/// strings the Numscript engine takes (Formance's formats: <c>"USD/2 125000"</c>, addresses without <c>@</c>).
/// </summary>
internal static class TemplateCalls
{
    public static FixedTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 11, 3, 9, 30, 0, TimeSpan.Zero));

    /// <summary>Ada's USD wallet.</summary>
    public static WalletAvailableAccount AdaUsd { get; } = new(WalletId.New(Clock));

    /// <summary>Ada's EUR wallet (a wallet holds one currency, so a customer converting has two).</summary>
    public static WalletAvailableAccount AdaEur { get; } = new(WalletId.New(Clock));

    /// <summary>Bola's USD wallet.</summary>
    public static WalletAvailableAccount BolaUsd { get; } = new(WalletId.New(Clock));

    /// <summary>Chioma's NGN wallet.</summary>
    public static WalletAvailableAccount ChiomaNgn { get; } = new(WalletId.New(Clock));

    /// <summary>A hold on Ada's USD wallet for one payout.</summary>
    public static WalletHoldAccount AdaPayoutHold { get; } = new(AdaUsd.Wallet, HoldId.New(Clock));

    /// <summary>The rolling reserve of a merchant's USD wallet (Ada's, who sells online).</summary>
    public static WalletReserveAccount AdaReserve { get; } = new(AdaUsd.Wallet);

    public static BankAccount JpMorganUsd { get; } = new(BankId.Parse("jpmorgan-us").Value, Currencies.Usd);

    public static BankAccount GtBankNgn { get; } = new(BankId.Parse("gtbank").Value, Currencies.Ngn);

    public static BankAccount BarclaysEur { get; } = new(BankId.Parse("barclays-eu").Value, Currencies.Eur);

    public static GpsPoolAccount GpsUsd { get; } = new(Currencies.Usd);

    public static GpsPoolAccount GpsEur { get; } = new(Currencies.Eur);

    public static StablecoinCustodyAccount EthereumUsdc { get; } = new(NetworkId.Parse("ethereum").Value, Currencies.Usdc);

    public static StablecoinCustodyAccount TronUsdt { get; } = new(NetworkId.Parse("tron").Value, Currencies.Usdt);

    public static CounterpartyAccount AcmeOtc { get; } = new(CounterpartyId.Parse("acme-otc").Value);

    public static FxPositionAccount FxUsd { get; } = new(Currencies.Usd);

    public static FxPositionAccount FxEur { get; } = new(Currencies.Eur);

    public static FxPositionAccount FxNgn { get; } = new(Currencies.Ngn);

    public static FxPositionAccount FxUsdc { get; } = new(Currencies.Usdc);

    public static FxPositionAccount FxUsdt { get; } = new(Currencies.Usdt);

    public static FeeAccount PayoutFees { get; } = new(FeeKind.Parse("payout").Value);

    public static WorldAccount World => WorldAccount.Instance;

    public static Cash Usd(long minor) => new(minor, Currencies.Usd);

    public static Cash Eur(long minor) => new(minor, Currencies.Eur);

    public static Cash Ngn(long minor) => new(minor, Currencies.Ngn);

    public static Cash Usdc(long minor) => new(minor, Currencies.Usdc);

    public static Cash Usdt(long minor) => new(minor, Currencies.Usdt);

    /// <summary>A monetary variable as Formance reads it: the asset, one space, the amount in minor units.</summary>
    public static string Monetary(Cash amount) =>
        string.Create(CultureInfo.InvariantCulture, $"{amount.Currency.Asset} {amount.Minor}");

    public static (string Name, string Value) Var(string name, Cash amount) => (name, Monetary(amount));

    public static (string Name, string Value) Var(string name, AccountAddress account) => (name, account.ToString());

    public static (string Name, string Value) Var(string name, string text) => (name, text);

    public static Dictionary<string, string> Variables(IEnumerable<(string Name, string Value)> variables) =>
        variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    public static NumscriptPosting Posting(AccountAddress source, AccountAddress destination, Cash amount) =>
        new(source.ToString(), destination.ToString(), amount.Minor, amount.Currency.Asset);
}
