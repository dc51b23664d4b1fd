using System.Globalization;
using System.Numerics;
using WalletFlow.Domain.Accounts;
using WalletFlow.Domain.Ids;
using WalletFlow.Domain.Money;
using WalletFlow.Domain.Templates;
using WalletFlow.Ledger.Numscript;

namespace WalletFlow.Bench.Numscript;

/// <summary>
/// The 18 product templates (Domain/Templates/*.num, read from <see cref="TemplateCatalog"/>), each with the
/// realistic variables of a successful call and balances that cover it; the amounts are those of the template tests
/// (tests/WalletFlow.Tests/Domain/Templates/TemplateExamples.cs).
/// </summary>
internal static class TemplateScripts
{
    private static readonly Currency Usd = Currency.Find("USD").Value;
    private static readonly Currency Eur = Currency.Find("EUR").Value;
    private static readonly Currency Ngn = Currency.Find("NGN").Value;
    private static readonly Currency Usdc = Currency.Find("USDC").Value;
    private static readonly Currency Usdt = Currency.Find("USDT").Value;

    public static IReadOnlyList<BenchmarkScript> All { get; } = Build(TimeProvider.System);

    private static BenchmarkScript[] Build(TimeProvider time)
    {
        var adaUsd = new WalletAvailableAccount(WalletId.New(time));
        var adaEur = new WalletAvailableAccount(WalletId.New(time));
        var bolaUsd = new WalletAvailableAccount(WalletId.New(time));
        var chiomaNgn = new WalletAvailableAccount(WalletId.New(time));
        var hold = new WalletHoldAccount(adaUsd.Wallet, HoldId.New(time));
        var reserve = new WalletReserveAccount(adaUsd.Wallet);
        var jpMorganUsd = new BankAccount(BankId.Parse("jpmorgan-us").Value, Usd);
        var gtBankNgn = new BankAccount(BankId.Parse("gtbank").Value, Ngn);
        var gpsUsd = new GpsPoolAccount(Usd);
        var gpsEur = new GpsPoolAccount(Eur);
        var custody = new StablecoinCustodyAccount(NetworkId.Parse("ethereum").Value, Usdc);
        var acme = new CounterpartyAccount(CounterpartyId.Parse("acme-otc").Value);
        var fxUsd = new FxPositionAccount(Usd);
        var fxEur = new FxPositionAccount(Eur);
        var fxNgn = new FxPositionAccount(Ngn);
        var fxUsdc = new FxPositionAccount(Usdc);
        var fxUsdt = new FxPositionAccount(Usdt);
        var payoutFees = new FeeAccount(FeeKind.Parse("payout").Value);

        return
        [
            Template("payin", [("amount", M(Usd, 125_000)), ("bank", A(jpMorganUsd)), ("wallet", A(adaUsd))], []),
            Template(
                "transfer",
                [("amount", M(Usd, 42_075)), ("source", A(adaUsd)), ("destination", A(bolaUsd))],
                [(adaUsd, Usd, 150_000)]),
            Template(
                "payout_reserve",
                [("amount", M(Usd, 30_000)), ("wallet", A(adaUsd)), ("hold", A(hold))],
                [(adaUsd, Usd, 125_000)]),
            Template(
                "payout_settle",
                [("amount", M(Usd, 30_000)), ("hold", A(hold)), ("bank", A(jpMorganUsd))],
                [(hold, Usd, 30_000), (jpMorganUsd, Usd, 125_000)]),
            Template(
                "payout_release",
                [("amount", M(Usd, 30_000)), ("hold", A(hold)), ("wallet", A(adaUsd))],
                [(hold, Usd, 30_000)]),
            Template(
                "fx_deal",
                [
                    ("sell", M(Eur, 100_000)), ("buy", M(Usd, 108_420)), ("from_wallet", A(adaEur)), ("to_wallet", A(adaUsd)),
                    ("fx_sell", A(fxEur)), ("fx_buy", A(fxUsd)),
                ],
                [(adaEur, Eur, 250_000), (fxUsd, Usd, 5_000_000)]),
            Template(
                "otc_trade",
                [
                    ("sell", M(Usdt, 100_000_000_000)), ("buy", M(Ngn, 15_455_000_000)), ("counterparty", A(acme)),
                    ("fx_sell", A(fxUsdt)), ("fx_buy", A(fxNgn)),
                ],
                [(fxUsdt, Usdt, 400_000_000_000), (acme, Usdt, 250_000_000_000)]),
            Template(
                "stablecoin_onramp",
                [
                    ("fiat", M(Ngn, 155_250_000)), ("coins", M(Usdc, 1_000_000_000)), ("bank", A(gtBankNgn)), ("custody", A(custody)),
                    ("fx_fiat", A(fxNgn)), ("fx_coins", A(fxUsdc)),
                ],
                [(fxUsdc, Usdc, 20_000_000_000), (custody, Usdc, 20_000_000_000)]),
            Template(
                "stablecoin_offramp",
                [
                    ("coins", M(Usdc, 2_500_000_000)), ("fiat", M(Ngn, 385_062_500)), ("custody", A(custody)), ("bank", A(gtBankNgn)),
                    ("fx_coins", A(fxUsdc)), ("fx_fiat", A(fxNgn)),
                ],
                [(fxNgn, Ngn, 1_000_000_000), (gtBankNgn, Ngn, 1_000_000_000)]),
            Template(
                "gps_pool_topup",
                [("amount", M(Usd, 5_000_000)), ("bank", A(jpMorganUsd)), ("pool", A(gpsUsd))],
                [(jpMorganUsd, Usd, 25_000_000)]),
            Template(
                "gps_cross_currency_payout",
                [
                    ("debit", M(Usd, 100_000)), ("payout", M(Eur, 92_150)), ("wallet", A(adaUsd)), ("fx_debit", A(fxUsd)),
                    ("fx_payout", A(fxEur)), ("pool", A(gpsEur)),
                ],
                [(adaUsd, Usd, 125_000), (fxEur, Eur, 10_000_000), (gpsEur, Eur, 2_500_000)]),
            Template(
                "bank_funding",
                [("amount", M(Usd, 25_000_000)), ("account", A(jpMorganUsd)), ("funding", A(TreasuryEquityAccount.Instance))],
                []),
            Template("opening_balance", [("amount", M(Ngn, 421_037_550)), ("asset", A(gtBankNgn)), ("claim", A(chiomaNgn))], []),
            Template(
                "rolling_reserve_hold",
                [("amount", M(Usd, 84_200)), ("wallet", A(adaUsd)), ("reserve", A(reserve))],
                [(adaUsd, Usd, 842_000)]),
            Template(
                "rolling_reserve_release",
                [("amount", M(Usd, 84_200)), ("reserve", A(reserve)), ("wallet", A(adaUsd))],
                [(reserve, Usd, 84_200)]),
            Template(
                "correction_credit",
                [
                    ("amount", M(Usd, 4_500)), ("wallet", A(adaUsd)), ("counterpart", A(jpMorganUsd)),
                    ("reason", "Pay-in PAY-118734 reached JPMorgan unrecorded"),
                ],
                []),
            Template(
                "correction_debit",
                [
                    ("amount", M(Usd, 12_500)), ("wallet", A(adaUsd)), ("counterpart", A(jpMorganUsd)),
                    ("reason", "Chargeback CB-2291 on card pay-in PAY-117002"),
                ],
                [(adaUsd, Usd, 95_000), (jpMorganUsd, Usd, 95_000)]),
            Template(
                "fee_collection",
                [("amount", M(Usd, 450)), ("wallet", A(adaUsd)), ("fees", A(payoutFees))],
                [(adaUsd, Usd, 95_000)]),
        ];
    }

    private static BenchmarkScript Template(
        string name,
        (string Name, string Value)[] variables,
        (AccountAddress Account, Currency Currency, long Minor)[] balances) =>
        new(
            name + ".num",
            TemplateCatalog.Find(name).Value.Text,
            variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal),
            balances.ToDictionary(b => new BalanceKey(b.Account.ToString(), b.Currency.Asset), b => new BigInteger(b.Minor)));

    /// <summary>A monetary variable in Formance's format: <c>"USD/2 125000"</c>.</summary>
    private static string M(Currency currency, long minor) =>
        string.Create(CultureInfo.InvariantCulture, $"{currency.Asset} {minor}");

    private static string A(AccountAddress account) => account.ToString();
}
