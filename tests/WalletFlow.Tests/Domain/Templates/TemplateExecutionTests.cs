using System.Numerics;
using WalletFlow.Domain.Accounts;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Money;
using WalletFlow.Ledger.Numscript;
using WalletFlow.Tests.Domain.Money;
using static WalletFlow.Tests.Domain.Templates.TemplateCalls;
using Cash = WalletFlow.Domain.Money.Money;

namespace WalletFlow.Tests.Domain.Templates;

/// <summary>
/// Each bundled template run through the Numscript engine with realistic amounts, computed by hand, asserting the
/// exact postings, the transaction metadata and the balances afterwards. Every run also passes the invariant checks
/// of <see cref="TemplateLedger"/> (accounts classify, the chart lists the lines, the book and the ledger foot).
/// </summary>
public sealed class TemplateExecutionTests
{
    [Fact]
    public void Payin_credits_the_bank_and_the_wallet_with_the_same_amount()
    {
        var ledger = new TemplateLedger();

        var outcome = ledger.Succeeds("payin", Var("amount", Usd(125_000)), Var("bank", JpMorganUsd), Var("wallet", AdaUsd));

        Assert.Equal([Posting(World, JpMorganUsd, Usd(125_000)), Posting(World, AdaUsd, Usd(125_000))], outcome.Postings);
        AssertMetadata(outcome, ("event_type", "payin"));
        AssertBalances(ledger, (JpMorganUsd, Usd(125_000)), (AdaUsd, Usd(125_000)), (World, Usd(-250_000)));
    }

    [Fact]
    public void Payin_from_an_unmatched_payer_is_owed_to_suspense()
    {
        var ledger = new TemplateLedger();

        var outcome = ledger.Succeeds("payin", Var("amount", Ngn(7_500_000)), Var("bank", GtBankNgn), Var("wallet", SuspenseAccount.Instance));

        Assert.Equal(
            [Posting(World, GtBankNgn, Ngn(7_500_000)), Posting(World, SuspenseAccount.Instance, Ngn(7_500_000))],
            outcome.Postings);
    }

    [Fact]
    public void Transfer_moves_the_claim_from_one_wallet_to_another_and_no_cash()
    {
        var ledger = new TemplateLedger().Fund(AdaUsd, Usd(150_000)).Fund(BolaUsd, Usd(2_000));

        var outcome = ledger.Succeeds("transfer", Var("amount", Usd(42_075)), Var("source", AdaUsd), Var("destination", BolaUsd));

        Assert.Equal([Posting(AdaUsd, BolaUsd, Usd(42_075))], outcome.Postings);
        AssertMetadata(outcome, ("event_type", "transfer"));
        AssertBalances(ledger, (AdaUsd, Usd(107_925)), (BolaUsd, Usd(44_075)));
    }

    [Fact]
    public void Transfer_allocates_suspense_to_the_wallet_it_belongs_to()
    {
        var ledger = new TemplateLedger();
        ledger.Succeeds("payin", Var("amount", Ngn(7_500_000)), Var("bank", GtBankNgn), Var("wallet", SuspenseAccount.Instance));

        var outcome = ledger.Succeeds("transfer", Var("amount", Ngn(7_500_000)), Var("source", SuspenseAccount.Instance), Var("destination", ChiomaNgn));

        Assert.Equal([Posting(SuspenseAccount.Instance, ChiomaNgn, Ngn(7_500_000))], outcome.Postings);
        AssertBalances(ledger, (SuspenseAccount.Instance, Ngn(0)), (ChiomaNgn, Ngn(7_500_000)), (GtBankNgn, Ngn(7_500_000)));
    }

    [Fact]
    public void Payout_reserve_moves_the_amount_from_available_into_the_payout_hold()
    {
        var ledger = new TemplateLedger().Fund(AdaUsd, Usd(125_000));

        var outcome = ledger.Succeeds("payout_reserve", Var("amount", Usd(30_000)), Var("wallet", AdaUsd), Var("hold", AdaPayoutHold));

        Assert.Equal([Posting(AdaUsd, AdaPayoutHold, Usd(30_000))], outcome.Postings);
        AssertMetadata(outcome, ("event_type", "payout_reserve"));
        AssertBalances(ledger, (AdaUsd, Usd(95_000)), (AdaPayoutHold, Usd(30_000)));
    }

    [Fact]
    public void Payout_settle_discharges_the_hold_and_takes_the_cash_out_of_the_bank()
    {
        var ledger = new TemplateLedger().Fund(AdaPayoutHold, Usd(30_000)).Fund(JpMorganUsd, Usd(125_000));

        var outcome = ledger.Succeeds("payout_settle", Var("amount", Usd(30_000)), Var("hold", AdaPayoutHold), Var("bank", JpMorganUsd));

        Assert.Equal([Posting(AdaPayoutHold, World, Usd(30_000)), Posting(JpMorganUsd, World, Usd(30_000))], outcome.Postings);
        AssertMetadata(outcome, ("event_type", "payout_settle"));
        AssertBalances(ledger, (AdaPayoutHold, Usd(0)), (JpMorganUsd, Usd(95_000)));
    }

    [Fact]
    public void Payout_release_returns_the_hold_to_available_and_nothing_leaves()
    {
        var ledger = new TemplateLedger().Fund(AdaPayoutHold, Usd(30_000)).Fund(AdaUsd, Usd(95_000));

        var outcome = ledger.Succeeds("payout_release", Var("amount", Usd(30_000)), Var("hold", AdaPayoutHold), Var("wallet", AdaUsd));

        Assert.Equal([Posting(AdaPayoutHold, AdaUsd, Usd(30_000))], outcome.Postings);
        AssertMetadata(outcome, ("event_type", "payout_release"));
        AssertBalances(ledger, (AdaPayoutHold, Usd(0)), (AdaUsd, Usd(125_000)));
    }

    [Fact]
    public void A_hold_of_300_then_its_settle_leaves_950_in_the_wallet_and_at_the_bank()
    {
        var ledger = new TemplateLedger();
        ledger.Succeeds("payin", Var("amount", Usd(125_000)), Var("bank", JpMorganUsd), Var("wallet", AdaUsd));
        ledger.Succeeds("payout_reserve", Var("amount", Usd(30_000)), Var("wallet", AdaUsd), Var("hold", AdaPayoutHold));

        ledger.Succeeds("payout_settle", Var("amount", Usd(30_000)), Var("hold", AdaPayoutHold), Var("bank", JpMorganUsd));

        AssertBalances(ledger, (AdaUsd, Usd(95_000)), (AdaPayoutHold, Usd(0)), (JpMorganUsd, Usd(95_000)), (World, Usd(-190_000)));
        AssertBookBalances(ledger, Currencies.Usd);
    }

    [Fact]
    public void A_hold_of_300_then_its_release_gives_the_wallet_back_its_1250()
    {
        var ledger = new TemplateLedger();
        ledger.Succeeds("payin", Var("amount", Usd(125_000)), Var("bank", JpMorganUsd), Var("wallet", AdaUsd));
        ledger.Succeeds("payout_reserve", Var("amount", Usd(30_000)), Var("wallet", AdaUsd), Var("hold", AdaPayoutHold));

        ledger.Succeeds("payout_release", Var("amount", Usd(30_000)), Var("hold", AdaPayoutHold), Var("wallet", AdaUsd));

        AssertBalances(ledger, (AdaUsd, Usd(125_000)), (AdaPayoutHold, Usd(0)), (JpMorganUsd, Usd(125_000)));
        AssertBookBalances(ledger, Currencies.Usd);
    }

    [Fact]
    public void A_hold_cannot_be_settled_twice()
    {
        var ledger = new TemplateLedger();
        ledger.Succeeds("payin", Var("amount", Usd(125_000)), Var("bank", JpMorganUsd), Var("wallet", AdaUsd));
        ledger.Succeeds("payout_reserve", Var("amount", Usd(30_000)), Var("wallet", AdaUsd), Var("hold", AdaPayoutHold));
        ledger.Succeeds("payout_settle", Var("amount", Usd(30_000)), Var("hold", AdaPayoutHold), Var("bank", JpMorganUsd));

        ledger.Fails("payout_settle", ErrorCodes.InsufficientFunds, Var("amount", Usd(30_000)), Var("hold", AdaPayoutHold), Var("bank", JpMorganUsd));
        ledger.Fails("payout_release", ErrorCodes.InsufficientFunds, Var("amount", Usd(30_000)), Var("hold", AdaPayoutHold), Var("wallet", AdaUsd));
    }

    [Fact]
    public void Fx_deal_converts_eur_1000_into_usd_1084_20_at_1_0842_through_the_fx_positions()
    {
        // 1,000.00 EUR x 1.0842 USD/EUR = 1,084.20 USD: 100000 cents of EUR give 108420 cents of USD.
        var ledger = new TemplateLedger().Fund(AdaEur, Eur(250_000)).Fund(FxUsd, Usd(5_000_000));

        var outcome = ledger.Succeeds(
            "fx_deal",
            Var("sell", Eur(100_000)), Var("buy", Usd(108_420)), Var("from_wallet", AdaEur), Var("to_wallet", AdaUsd),
            Var("fx_sell", FxEur), Var("fx_buy", FxUsd));

        Assert.Equal([Posting(AdaEur, FxEur, Eur(100_000)), Posting(FxUsd, AdaUsd, Usd(108_420))], outcome.Postings);
        AssertMetadata(outcome, ("event_type", "fx_deal"));
        AssertBalances(ledger, (AdaEur, Eur(150_000)), (FxEur, Eur(100_000)), (FxUsd, Usd(4_891_580)), (AdaUsd, Usd(108_420)));
    }

    [Fact]
    public void Fx_deal_fails_when_the_desk_has_no_position_in_the_currency_it_sells()
    {
        var ledger = new TemplateLedger().Fund(AdaEur, Eur(250_000));

        var error = ledger.Fails(
            "fx_deal",
            ErrorCodes.InsufficientFunds,
            Var("sell", Eur(100_000)), Var("buy", Usd(108_420)), Var("from_wallet", AdaEur), Var("to_wallet", AdaUsd),
            Var("fx_sell", FxEur), Var("fx_buy", FxUsd));

        Assert.Contains("@" + FxUsd, error.Message, StringComparison.Ordinal);
        AssertBalances(ledger, (AdaEur, Eur(250_000)));
    }

    [Fact]
    public void Otc_trade_sells_usdt_100000_for_ngn_154_550_000_at_1545_50_against_the_counterparty_balance()
    {
        // 100,000 USDT x 1,545.50 NGN/USDT = 154,550,000.00 NGN; USDT has 6 decimals, NGN 2.
        var ledger = new TemplateLedger().Fund(FxUsdt, Usdt(400_000_000_000)).Fund(AcmeOtc, Usdt(250_000_000_000));

        var outcome = ledger.Succeeds(
            "otc_trade",
            Var("sell", Usdt(100_000_000_000)), Var("buy", Ngn(15_455_000_000)), Var("counterparty", AcmeOtc),
            Var("fx_sell", FxUsdt), Var("fx_buy", FxNgn));

        Assert.Equal(
            [
                Posting(FxUsdt, World, Usdt(100_000_000_000)),
                Posting(AcmeOtc, World, Usdt(100_000_000_000)),
                Posting(World, AcmeOtc, Ngn(15_455_000_000)),
                Posting(World, FxNgn, Ngn(15_455_000_000)),
            ],
            outcome.Postings);
        AssertMetadata(outcome, ("event_type", "otc_trade"));
        AssertBalances(
            ledger,
            (FxUsdt, Usdt(300_000_000_000)), (AcmeOtc, Usdt(150_000_000_000)), (AcmeOtc, Ngn(15_455_000_000)), (FxNgn, Ngn(15_455_000_000)));
    }

    [Fact]
    public void Stablecoin_onramp_takes_ngn_1_552_500_into_the_bank_and_delivers_usdc_1000_from_custody()
    {
        // 1,000 USDC x 1,552.50 NGN/USDC = 1,552,500.00 NGN.
        var ledger = new TemplateLedger().Fund(FxUsdc, Usdc(20_000_000_000)).Fund(EthereumUsdc, Usdc(20_000_000_000));

        var outcome = ledger.Succeeds(
            "stablecoin_onramp",
            Var("fiat", Ngn(155_250_000)), Var("coins", Usdc(1_000_000_000)), Var("bank", GtBankNgn), Var("custody", EthereumUsdc),
            Var("fx_fiat", FxNgn), Var("fx_coins", FxUsdc));

        Assert.Equal(
            [
                Posting(World, GtBankNgn, Ngn(155_250_000)),
                Posting(World, FxNgn, Ngn(155_250_000)),
                Posting(FxUsdc, World, Usdc(1_000_000_000)),
                Posting(EthereumUsdc, World, Usdc(1_000_000_000)),
            ],
            outcome.Postings);
        AssertMetadata(outcome, ("event_type", "stablecoin_onramp"));
        AssertBalances(
            ledger,
            (GtBankNgn, Ngn(155_250_000)), (FxNgn, Ngn(155_250_000)), (FxUsdc, Usdc(19_000_000_000)), (EthereumUsdc, Usdc(19_000_000_000)));
    }

    [Fact]
    public void Stablecoin_offramp_takes_usdc_2500_into_custody_and_pays_ngn_3_850_625_from_the_bank()
    {
        // 2,500 USDC x 1,540.25 NGN/USDC = 3,850,625.00 NGN.
        var ledger = new TemplateLedger().Fund(FxNgn, Ngn(1_000_000_000)).Fund(GtBankNgn, Ngn(1_000_000_000));

        var outcome = ledger.Succeeds(
            "stablecoin_offramp",
            Var("coins", Usdc(2_500_000_000)), Var("fiat", Ngn(385_062_500)), Var("custody", EthereumUsdc), Var("bank", GtBankNgn),
            Var("fx_coins", FxUsdc), Var("fx_fiat", FxNgn));

        Assert.Equal(
            [
                Posting(World, EthereumUsdc, Usdc(2_500_000_000)),
                Posting(World, FxUsdc, Usdc(2_500_000_000)),
                Posting(GtBankNgn, World, Ngn(385_062_500)),
                Posting(FxNgn, World, Ngn(385_062_500)),
            ],
            outcome.Postings);
        AssertMetadata(outcome, ("event_type", "stablecoin_offramp"));
        AssertBalances(
            ledger,
            (EthereumUsdc, Usdc(2_500_000_000)), (FxUsdc, Usdc(2_500_000_000)), (FxNgn, Ngn(614_937_500)), (GtBankNgn, Ngn(614_937_500)));
    }

    [Fact]
    public void Stablecoin_offramp_with_an_unfunded_bank_fails_until_the_treasury_wire_is_recorded()
    {
        // The playbook: INSUFFICIENT_FUNDS by design; record the wire with bank funding, then re-run the same command.
        var ledger = new TemplateLedger();
        (string, string)[] offramp =
        [
            Var("coins", Usdc(2_500_000_000)), Var("fiat", Ngn(385_062_500)), Var("custody", EthereumUsdc), Var("bank", GtBankNgn),
            Var("fx_coins", FxUsdc), Var("fx_fiat", FxNgn),
        ];

        var error = ledger.Fails("stablecoin_offramp", ErrorCodes.InsufficientFunds, offramp);
        ledger.Succeeds("bank_funding", Var("amount", Ngn(1_000_000_000)), Var("account", GtBankNgn), Var("funding", FxNgn));
        ledger.Succeeds("stablecoin_offramp", offramp);

        Assert.Contains("@" + GtBankNgn, error.Message, StringComparison.Ordinal);
        AssertBalances(ledger, (GtBankNgn, Ngn(614_937_500)), (FxNgn, Ngn(614_937_500)), (EthereumUsdc, Usdc(2_500_000_000)));
        AssertBookBalances(ledger, Currencies.Ngn);
        AssertBookBalances(ledger, Currencies.Usdc);
    }

    [Fact]
    public void Gps_pool_topup_moves_usd_50000_from_the_bank_to_the_pool()
    {
        var ledger = new TemplateLedger().Fund(JpMorganUsd, Usd(25_000_000));

        var outcome = ledger.Succeeds("gps_pool_topup", Var("amount", Usd(5_000_000)), Var("bank", JpMorganUsd), Var("pool", GpsUsd));

        Assert.Equal([Posting(JpMorganUsd, GpsUsd, Usd(5_000_000))], outcome.Postings);
        AssertMetadata(outcome, ("event_type", "gps_pool_topup"));
        AssertBalances(ledger, (JpMorganUsd, Usd(20_000_000)), (GpsUsd, Usd(5_000_000)));
    }

    [Fact]
    public void Gps_cross_currency_payout_debits_usd_1000_and_pays_eur_921_50_from_the_pool_at_0_9215()
    {
        // 1,000.00 USD x 0.9215 EUR/USD = 921.50 EUR.
        var ledger = new TemplateLedger().Fund(AdaUsd, Usd(125_000)).Fund(FxEur, Eur(10_000_000)).Fund(GpsEur, Eur(2_500_000));

        var outcome = ledger.Succeeds(
            "gps_cross_currency_payout",
            Var("debit", Usd(100_000)), Var("payout", Eur(92_150)), Var("wallet", AdaUsd), Var("fx_debit", FxUsd),
            Var("fx_payout", FxEur), Var("pool", GpsEur));

        Assert.Equal(
            [Posting(AdaUsd, FxUsd, Usd(100_000)), Posting(GpsEur, World, Eur(92_150)), Posting(FxEur, World, Eur(92_150))],
            outcome.Postings);
        AssertMetadata(outcome, ("event_type", "gps_cross_currency_payout"));
        AssertBalances(ledger, (AdaUsd, Usd(25_000)), (FxUsd, Usd(100_000)), (FxEur, Eur(9_907_850)), (GpsEur, Eur(2_407_850)));
    }

    [Fact]
    public void Gps_cross_currency_payout_with_an_unfunded_pool_fails_until_the_pool_is_topped_up()
    {
        // The playbook: fund the EUR bank as FX position with bank funding, top the pool up from it, re-run.
        var ledger = new TemplateLedger();
        ledger.Succeeds("payin", Var("amount", Usd(125_000)), Var("bank", JpMorganUsd), Var("wallet", AdaUsd));
        (string, string)[] payout =
        [
            Var("debit", Usd(100_000)), Var("payout", Eur(92_150)), Var("wallet", AdaUsd), Var("fx_debit", FxUsd),
            Var("fx_payout", FxEur), Var("pool", GpsEur),
        ];

        ledger.Succeeds("bank_funding", Var("amount", Eur(5_000_000)), Var("account", BarclaysEur), Var("funding", FxEur));
        var error = ledger.Fails("gps_cross_currency_payout", ErrorCodes.InsufficientFunds, payout);
        ledger.Succeeds("gps_pool_topup", Var("amount", Eur(1_000_000)), Var("bank", BarclaysEur), Var("pool", GpsEur));
        ledger.Succeeds("gps_cross_currency_payout", payout);

        Assert.Contains("@" + GpsEur, error.Message, StringComparison.Ordinal);
        AssertBalances(
            ledger,
            (AdaUsd, Usd(25_000)), (FxUsd, Usd(100_000)), (FxEur, Eur(4_907_850)), (GpsEur, Eur(907_850)), (BarclaysEur, Eur(4_000_000)));
        AssertBookBalances(ledger, Currencies.Usd);
        AssertBookBalances(ledger, Currencies.Eur);
    }

    [Fact]
    public void Gps_cross_currency_payout_with_neither_pool_nor_position_funded_names_the_pool()
    {
        var ledger = new TemplateLedger().Fund(AdaUsd, Usd(125_000));

        var error = ledger.Fails(
            "gps_cross_currency_payout",
            ErrorCodes.InsufficientFunds,
            Var("debit", Usd(100_000)), Var("payout", Eur(92_150)), Var("wallet", AdaUsd), Var("fx_debit", FxUsd),
            Var("fx_payout", FxEur), Var("pool", GpsEur));

        Assert.Contains("@" + GpsEur, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bank_funding_records_a_treasury_wire_as_cash_at_the_bank_and_treasury_equity()
    {
        var ledger = new TemplateLedger();

        var outcome = ledger.Succeeds(
            "bank_funding", Var("amount", Usd(25_000_000)), Var("account", JpMorganUsd), Var("funding", TreasuryEquityAccount.Instance));

        Assert.Equal(
            [Posting(World, JpMorganUsd, Usd(25_000_000)), Posting(World, TreasuryEquityAccount.Instance, Usd(25_000_000))],
            outcome.Postings);
        AssertMetadata(outcome, ("event_type", "bank_funding"));
        AssertBalances(ledger, (JpMorganUsd, Usd(25_000_000)), (TreasuryEquityAccount.Instance, Usd(25_000_000)));
    }

    [Fact]
    public void Bank_funding_can_stock_custody_as_the_fx_desk_position_in_the_stablecoin()
    {
        var ledger = new TemplateLedger();

        var outcome = ledger.Succeeds("bank_funding", Var("amount", Usdt(500_000_000_000)), Var("account", TronUsdt), Var("funding", FxUsdt));

        Assert.Equal([Posting(World, TronUsdt, Usdt(500_000_000_000)), Posting(World, FxUsdt, Usdt(500_000_000_000))], outcome.Postings);
    }

    [Fact]
    public void Opening_balance_brings_over_ngn_4_210_375_50_as_cash_at_the_bank_owed_to_the_wallet()
    {
        var ledger = new TemplateLedger();

        var outcome = ledger.Succeeds("opening_balance", Var("amount", Ngn(421_037_550)), Var("asset", GtBankNgn), Var("claim", ChiomaNgn));

        Assert.Equal([Posting(World, GtBankNgn, Ngn(421_037_550)), Posting(World, ChiomaNgn, Ngn(421_037_550))], outcome.Postings);
        AssertMetadata(outcome, ("event_type", "opening_balance"));
        AssertBalances(ledger, (GtBankNgn, Ngn(421_037_550)), (ChiomaNgn, Ngn(421_037_550)));
    }

    [Fact]
    public void Opening_balance_of_the_gps_pool_is_claimed_by_opening_balance_equity()
    {
        var ledger = new TemplateLedger();

        var outcome = ledger.Succeeds(
            "opening_balance", Var("amount", Usd(1_200_000)), Var("asset", GpsUsd), Var("claim", OpeningBalanceEquityAccount.Instance));

        Assert.Equal(
            [Posting(World, GpsUsd, Usd(1_200_000)), Posting(World, OpeningBalanceEquityAccount.Instance, Usd(1_200_000))],
            outcome.Postings);
    }

    [Fact]
    public void Rolling_reserve_hold_keeps_10_percent_of_a_usd_8420_settlement_in_the_reserve()
    {
        // 10% of 8,420.00 USD = 842.00 USD.
        var ledger = new TemplateLedger().Fund(AdaUsd, Usd(842_000));

        var outcome = ledger.Succeeds("rolling_reserve_hold", Var("amount", Usd(84_200)), Var("wallet", AdaUsd), Var("reserve", AdaReserve));

        Assert.Equal([Posting(AdaUsd, AdaReserve, Usd(84_200))], outcome.Postings);
        AssertMetadata(outcome, ("event_type", "rolling_reserve_hold"));
        AssertBalances(ledger, (AdaUsd, Usd(757_800)), (AdaReserve, Usd(84_200)));
    }

    [Fact]
    public void Rolling_reserve_release_returns_the_reserve_to_the_available_balance()
    {
        var ledger = new TemplateLedger().Fund(AdaUsd, Usd(757_800)).Fund(AdaReserve, Usd(84_200));

        var outcome = ledger.Succeeds("rolling_reserve_release", Var("amount", Usd(84_200)), Var("reserve", AdaReserve), Var("wallet", AdaUsd));

        Assert.Equal([Posting(AdaReserve, AdaUsd, Usd(84_200))], outcome.Postings);
        AssertMetadata(outcome, ("event_type", "rolling_reserve_release"));
        AssertBalances(ledger, (AdaUsd, Usd(842_000)), (AdaReserve, Usd(0)));
    }

    [Fact]
    public void Correction_credit_records_unrecorded_cash_at_the_bank_and_owes_it_to_the_wallet_with_its_reason()
    {
        var ledger = new TemplateLedger();

        var outcome = ledger.Succeeds(
            "correction_credit",
            Var("amount", Usd(4_500)), Var("wallet", AdaUsd), Var("counterpart", JpMorganUsd),
            Var("reason", "Pay-in PAY-118734 reached JPMorgan unrecorded"));

        Assert.Equal([Posting(World, JpMorganUsd, Usd(4_500)), Posting(World, AdaUsd, Usd(4_500))], outcome.Postings);
        AssertMetadata(outcome, ("event_type", "correction_credit"), ("reason", "Pay-in PAY-118734 reached JPMorgan unrecorded"));
        AssertBalances(ledger, (JpMorganUsd, Usd(4_500)), (AdaUsd, Usd(4_500)));
    }

    [Fact]
    public void Correction_credit_at_walletflows_expense_books_it_to_corrections()
    {
        var ledger = new TemplateLedger();

        var outcome = ledger.Succeeds(
            "correction_credit",
            Var("amount", Usd(2_000)), Var("wallet", AdaUsd), Var("counterpart", CorrectionsAccount.Instance),
            Var("reason", "Goodwill for the delayed payout PO-5521"));

        Assert.Equal([Posting(World, CorrectionsAccount.Instance, Usd(2_000)), Posting(World, AdaUsd, Usd(2_000))], outcome.Postings);
        AssertMetadata(outcome, ("event_type", "correction_credit"), ("reason", "Goodwill for the delayed payout PO-5521"));
    }

    [Fact]
    public void Correction_debit_takes_a_chargeback_out_of_the_wallet_and_the_bank_with_its_reason()
    {
        var ledger = new TemplateLedger().Fund(AdaUsd, Usd(95_000)).Fund(JpMorganUsd, Usd(95_000));

        var outcome = ledger.Succeeds(
            "correction_debit",
            Var("amount", Usd(12_500)), Var("wallet", AdaUsd), Var("counterpart", JpMorganUsd),
            Var("reason", "Chargeback CB-2291 on card pay-in PAY-117002"));

        Assert.Equal([Posting(AdaUsd, World, Usd(12_500)), Posting(JpMorganUsd, World, Usd(12_500))], outcome.Postings);
        AssertMetadata(outcome, ("event_type", "correction_debit"), ("reason", "Chargeback CB-2291 on card pay-in PAY-117002"));
        AssertBalances(ledger, (AdaUsd, Usd(82_500)), (JpMorganUsd, Usd(82_500)));
    }

    [Fact]
    public void Correction_debit_against_corrections_undoes_an_earlier_correction_credit()
    {
        var ledger = new TemplateLedger();
        ledger.Succeeds(
            "correction_credit",
            Var("amount", Usd(2_000)), Var("wallet", AdaUsd), Var("counterpart", CorrectionsAccount.Instance), Var("reason", "Goodwill credited twice"));

        var outcome = ledger.Succeeds(
            "correction_debit",
            Var("amount", Usd(2_000)), Var("wallet", AdaUsd), Var("counterpart", CorrectionsAccount.Instance), Var("reason", "Undo the duplicate goodwill credit"));

        Assert.Equal([Posting(AdaUsd, World, Usd(2_000)), Posting(CorrectionsAccount.Instance, World, Usd(2_000))], outcome.Postings);
        AssertBalances(ledger, (AdaUsd, Usd(0)), (CorrectionsAccount.Instance, Usd(0)), (World, Usd(0)));
    }

    [Fact]
    public void Fee_collection_moves_a_1_5_percent_payout_fee_of_usd_4_50_to_fee_revenue()
    {
        // 1.5% of 300.00 USD = 4.50 USD.
        var ledger = new TemplateLedger().Fund(AdaUsd, Usd(95_000));

        var outcome = ledger.Succeeds("fee_collection", Var("amount", Usd(450)), Var("wallet", AdaUsd), Var("fees", PayoutFees));

        Assert.Equal([Posting(AdaUsd, PayoutFees, Usd(450))], outcome.Postings);
        AssertMetadata(outcome, ("event_type", "fee_collection"));
        AssertBalances(ledger, (AdaUsd, Usd(94_550)), (PayoutFees, Usd(450)));
    }

    private static void AssertMetadata(NumscriptOutcome outcome, params (string Key, string Value)[] expected)
    {
        Assert.Equal(
            expected.OrderBy(e => e.Key, StringComparer.Ordinal),
            outcome.TransactionMetadata.Select(m => (m.Key, m.Value)).OrderBy(m => m.Key, StringComparer.Ordinal));
        Assert.Empty(outcome.AccountMetadata);
    }

    private static void AssertBalances(TemplateLedger ledger, params (AccountAddress Account, Cash Balance)[] expected)
    {
        foreach (var (account, balance) in expected)
        {
            Assert.True(
                ledger.Balance(account, balance.Currency) == balance.Minor,
                $"{account} holds {ledger.Balance(account, balance.Currency)} {balance.Currency.Asset}, expected {balance.Minor}");
        }
    }

    private static void AssertBookBalances(TemplateLedger ledger, Currency currency)
    {
        var (debit, credit) = ledger.Book(currency);
        Assert.Equal(debit, credit);
        Assert.NotEqual(BigInteger.Zero, debit);
    }
}
