namespace WalletFlow.Domain.ChartOfAccounts;

/// <summary>
/// The event types the ledger records, as written in each transaction's <c>event_type</c> metadata. Every type but
/// <see cref="Reversal"/> is also the name of the Numscript template that posts it.
/// </summary>
public static class EventTypes
{
    public const string Payin = "payin";
    public const string Transfer = "transfer";
    public const string PayoutReserve = "payout_reserve";
    public const string PayoutSettle = "payout_settle";
    public const string PayoutRelease = "payout_release";
    public const string FxDeal = "fx_deal";
    public const string OtcTrade = "otc_trade";
    public const string StablecoinOnramp = "stablecoin_onramp";
    public const string StablecoinOfframp = "stablecoin_offramp";
    public const string GpsPoolTopup = "gps_pool_topup";
    public const string GpsCrossCurrencyPayout = "gps_cross_currency_payout";
    public const string BankFunding = "bank_funding";
    public const string OpeningBalance = "opening_balance";
    public const string RollingReserveHold = "rolling_reserve_hold";
    public const string RollingReserveRelease = "rolling_reserve_release";
    public const string CorrectionCredit = "correction_credit";
    public const string CorrectionDebit = "correction_debit";
    public const string FeeCollection = "fee_collection";

    /// <summary>A ledger revert: the original transaction's postings with source and destination swapped. No template.</summary>
    public const string Reversal = "reversal";

    public static IReadOnlyList<string> All { get; } =
    [
        Payin, Transfer, PayoutReserve, PayoutSettle, PayoutRelease, FxDeal, OtcTrade, StablecoinOnramp, StablecoinOfframp,
        GpsPoolTopup, GpsCrossCurrencyPayout, BankFunding, OpeningBalance, RollingReserveHold, RollingReserveRelease,
        CorrectionCredit, CorrectionDebit, FeeCollection, Reversal,
    ];
}
