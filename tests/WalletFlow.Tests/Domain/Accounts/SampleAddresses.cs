using WalletFlow.Domain.Accounts;
using WalletFlow.Domain.Ids;
using WalletFlow.Tests.Domain.Money;

namespace WalletFlow.Tests.Domain.Accounts;

/// <summary>One address of every kind, built with the typed constructors.</summary>
internal static class SampleAddresses
{
    public static WalletId Wallet { get; } = WalletId.Parse("wal_0192f0c1d2e37a4b8c9d0e1f2a3b4c5d").Value;

    public static HoldId Hold { get; } = HoldId.Parse("hold_0192f0c1d2e37a4b8c9d0e1f2a3b4c5e").Value;

    public static IReadOnlyList<(AccountAddress Address, string Text)> All { get; } =
    [
        (WorldAccount.Instance, "world"),
        (new WalletAvailableAccount(Wallet), "wallets:wal_0192f0c1d2e37a4b8c9d0e1f2a3b4c5d:available"),
        (new WalletHoldAccount(Wallet, Hold), "wallets:wal_0192f0c1d2e37a4b8c9d0e1f2a3b4c5d:holds:hold_0192f0c1d2e37a4b8c9d0e1f2a3b4c5e"),
        (new WalletReserveAccount(Wallet), "wallets:wal_0192f0c1d2e37a4b8c9d0e1f2a3b4c5d:reserve"),
        (new BankAccount(BankId.Parse("gtbank").Value, Currencies.Ngn), "banks:gtbank:NGN"),
        (new GpsPoolAccount(Currencies.Usd), "pools:gps:USD"),
        (new FxPositionAccount(Currencies.Eur), "fx:EUR"),
        (new FeeAccount(FeeKind.Parse("payout").Value), "fees:payout"),
        (new CounterpartyAccount(CounterpartyId.Parse("acme-otc").Value), "counterparties:acme-otc"),
        (new StablecoinCustodyAccount(NetworkId.Parse("tron").Value, Currencies.Usdt), "stablecoins:tron:USDT"),
        (OpeningBalanceEquityAccount.Instance, "equity:opening_balance"),
        (TreasuryEquityAccount.Instance, "equity:treasury"),
        (CorrectionsAccount.Instance, "corrections"),
        (SuspenseAccount.Instance, "suspense"),
    ];
}
