using WalletFlow.Domain.Accounts;
using static WalletFlow.Tests.Domain.Templates.TemplateCalls;
using Cash = WalletFlow.Domain.Money.Money;

namespace WalletFlow.Tests.Domain.Templates;

/// <summary>
/// One realistic call of each bundled template, with what each bounded source (every source but <c>world</c>) must
/// give for it. The theories run these with the sources funded exactly, one unit short, or not at all, and with each
/// variable left out.
/// </summary>
internal static class TemplateExamples
{
    public static IReadOnlyList<TemplateExample> All { get; } =
    [
        // USD 1,250.00 paid in at JPMorgan for Ada.
        new("payin", [Var("amount", Usd(125_000)), Var("bank", JpMorganUsd), Var("wallet", AdaUsd)], []),

        // Ada sends Bola USD 420.75.
        new(
            "transfer",
            [Var("amount", Usd(42_075)), Var("source", AdaUsd), Var("destination", BolaUsd)],
            [new("source", AdaUsd, Usd(42_075))]),

        // USD 300.00 set aside for a payout.
        new(
            "payout_reserve",
            [Var("amount", Usd(30_000)), Var("wallet", AdaUsd), Var("hold", AdaPayoutHold)],
            [new("wallet", AdaUsd, Usd(30_000))]),

        // The provider paid the USD 300.00 from JPMorgan.
        new(
            "payout_settle",
            [Var("amount", Usd(30_000)), Var("hold", AdaPayoutHold), Var("bank", JpMorganUsd)],
            [new("hold", AdaPayoutHold, Usd(30_000)), new("bank", JpMorganUsd, Usd(30_000))]),

        // The provider failed: USD 300.00 back to available.
        new(
            "payout_release",
            [Var("amount", Usd(30_000)), Var("hold", AdaPayoutHold), Var("wallet", AdaUsd)],
            [new("hold", AdaPayoutHold, Usd(30_000))]),

        // EUR 1,000.00 sold at 1.0842 USD per EUR: 100000 x 1.0842 = USD 1,084.20.
        new(
            "fx_deal",
            [
                Var("sell", Eur(100_000)), Var("buy", Usd(108_420)), Var("from_wallet", AdaEur), Var("to_wallet", AdaUsd),
                Var("fx_sell", FxEur), Var("fx_buy", FxUsd),
            ],
            [new("from_wallet", AdaEur, Eur(100_000)), new("fx_buy", FxUsd, Usd(108_420))]),

        // The desk sells USDT 100,000 to Acme for naira at 1,545.50 NGN per USDT: NGN 154,550,000.00.
        new(
            "otc_trade",
            [
                Var("sell", Usdt(100_000_000_000)), Var("buy", Ngn(15_455_000_000)), Var("counterparty", AcmeOtc),
                Var("fx_sell", FxUsdt), Var("fx_buy", FxNgn),
            ],
            [new("fx_sell", FxUsdt, Usdt(100_000_000_000)), new("counterparty", AcmeOtc, Usdt(100_000_000_000))]),

        // NGN 1,552,500.00 paid in for USDC 1,000 at 1,552.50 NGN per USDC.
        new(
            "stablecoin_onramp",
            [
                Var("fiat", Ngn(155_250_000)), Var("coins", Usdc(1_000_000_000)), Var("bank", GtBankNgn),
                Var("custody", EthereumUsdc), Var("fx_fiat", FxNgn), Var("fx_coins", FxUsdc),
            ],
            [new("fx_coins", FxUsdc, Usdc(1_000_000_000)), new("custody", EthereumUsdc, Usdc(1_000_000_000))]),

        // USDC 2,500 received, paid out in naira at 1,540.25 NGN per USDC: NGN 3,850,625.00.
        new(
            "stablecoin_offramp",
            [
                Var("coins", Usdc(2_500_000_000)), Var("fiat", Ngn(385_062_500)), Var("custody", EthereumUsdc),
                Var("bank", GtBankNgn), Var("fx_coins", FxUsdc), Var("fx_fiat", FxNgn),
            ],
            [new("fx_fiat", FxNgn, Ngn(385_062_500)), new("bank", GtBankNgn, Ngn(385_062_500))]),

        // Treasury prefunds the GPS pool with USD 50,000.00.
        new(
            "gps_pool_topup",
            [Var("amount", Usd(5_000_000)), Var("bank", JpMorganUsd), Var("pool", GpsUsd)],
            [new("bank", JpMorganUsd, Usd(5_000_000))]),

        // USD 1,000.00 paid out as euros at 0.9215 EUR per USD: EUR 921.50.
        new(
            "gps_cross_currency_payout",
            [
                Var("debit", Usd(100_000)), Var("payout", Eur(92_150)), Var("wallet", AdaUsd), Var("fx_debit", FxUsd),
                Var("fx_payout", FxEur), Var("pool", GpsEur),
            ],
            [new("wallet", AdaUsd, Usd(100_000)), new("fx_payout", FxEur, Eur(92_150)), new("pool", GpsEur, Eur(92_150))]),

        // A USD 250,000.00 treasury wire into JPMorgan.
        new(
            "bank_funding",
            [Var("amount", Usd(25_000_000)), Var("account", JpMorganUsd), Var("funding", TreasuryEquityAccount.Instance)],
            []),

        // Chioma's legacy balance of NGN 4,210,375.50, held at GTBank.
        new("opening_balance", [Var("amount", Ngn(421_037_550)), Var("asset", GtBankNgn), Var("claim", ChiomaNgn)], []),

        // 10% of a USD 8,420.00 settlement kept in the rolling reserve: USD 842.00.
        new(
            "rolling_reserve_hold",
            [Var("amount", Usd(84_200)), Var("wallet", AdaUsd), Var("reserve", AdaReserve)],
            [new("wallet", AdaUsd, Usd(84_200))]),

        // The USD 842.00 reserve released after its 90 days.
        new(
            "rolling_reserve_release",
            [Var("amount", Usd(84_200)), Var("reserve", AdaReserve), Var("wallet", AdaUsd)],
            [new("reserve", AdaReserve, Usd(84_200))]),

        // USD 45.00 that reached JPMorgan without being recorded.
        new(
            "correction_credit",
            [
                Var("amount", Usd(4_500)), Var("wallet", AdaUsd), Var("counterpart", JpMorganUsd),
                Var("reason", "Pay-in PAY-118734 reached JPMorgan unrecorded"),
            ],
            []),

        // A USD 125.00 chargeback through JPMorgan.
        new(
            "correction_debit",
            [
                Var("amount", Usd(12_500)), Var("wallet", AdaUsd), Var("counterpart", JpMorganUsd),
                Var("reason", "Chargeback CB-2291 on card pay-in PAY-117002"),
            ],
            [new("wallet", AdaUsd, Usd(12_500)), new("counterpart", JpMorganUsd, Usd(12_500))]),

        // A 1.5% payout fee on USD 300.00: USD 4.50.
        new(
            "fee_collection",
            [Var("amount", Usd(450)), Var("wallet", AdaUsd), Var("fees", PayoutFees)],
            [new("wallet", AdaUsd, Usd(450))]),
    ];

    public static TemplateExample Of(string template) => All.Single(e => e.Template == template);
}

/// <summary>A template call and what each bounded source gives in it.</summary>
internal sealed record TemplateExample(string Template, IReadOnlyList<(string Name, string Value)> Variables, IReadOnlyList<Draw> Draws)
{
    /// <summary>A ledger whose bounded sources hold exactly what the call draws.</summary>
    public TemplateLedger FundedLedger()
    {
        var ledger = new TemplateLedger();
        foreach (var draw in Draws)
        {
            ledger.Fund(draw.Account, draw.Amount);
        }

        return ledger;
    }
}

/// <summary>What the account in variable <see cref="Variable"/> must give for a call.</summary>
internal sealed record Draw(string Variable, AccountAddress Account, Cash Amount);
