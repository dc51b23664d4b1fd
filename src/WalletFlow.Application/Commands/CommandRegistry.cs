using WalletFlow.Application.Controls;
using WalletFlow.Application.Corrections;
using WalletFlow.Application.Fx;
using WalletFlow.Application.Payouts;
using WalletFlow.Application.Reserves;
using WalletFlow.Application.Treasury;
using WalletFlow.Application.Wallets;
using WalletFlow.Application.Webhooks;
using WalletFlow.Application.Statements;

namespace WalletFlow.Application.Commands;

/// <summary>
/// Every use case WalletFlow runs. REST routes, gRPC methods and console forms are generated from this list, so a new
/// operation is a handler plus one line here.
/// </summary>
public static class CommandRegistry
{
    public static IReadOnlyList<CommandDescriptor> All { get; } =
    [
        CreateWallet.Descriptor,
        PostPayin.Descriptor,
        Transfer.Descriptor,
        CreateFxQuote.Descriptor,
        BookFxDeal.Descriptor,
        BookCounterpartyTrade.Descriptor,
        FundBankAccount.Descriptor,
        PostOpeningBalance.Descriptor,
        TopUpGpsPool.Descriptor,
        GpsCrossCurrencyPayout.Descriptor,
        StablecoinOnramp.Descriptor,
        StablecoinOfframp.Descriptor,
        SetFeatureFlag.Descriptor,
        ReservePayout.Descriptor,
        SubmitPayout.Descriptor,
        SettleHold.Descriptor,
        ReleaseHold.Descriptor,
        MarkPayoutManualReview.Descriptor,
        HoldRollingReserve.Descriptor,
        ReleaseRollingReserve.Descriptor,
        PostCorrection.Descriptor,
        Reverse.Descriptor,
        RebuildStatements.Descriptor,
        CreateWebhookEndpoint.Descriptor,
        RotateWebhookSecret.Descriptor,
        ReplayWebhookDelivery.Descriptor,
        DiscardWebhookDelivery.Descriptor,
    ];

    public static CommandDescriptor? Find(string name) => All.FirstOrDefault(command => command.Name == name);
}
