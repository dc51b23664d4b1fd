using Grpc.Core;
using WalletFlow.Api.Grpc.WalletCore.Contracts;

namespace WalletFlow.Api.Grpc.Commands;

// One class per area, each method handing its call to CommandCalls, which finds the command by the call's path: the
// classes only bind Grpc.AspNetCore's generated bases to the registry. Who may call each method is the registry's
// rule, attached to the endpoints when they are mapped (GrpcFront).

/// <summary><c>walletflow.v1.WalletsCommands</c>.</summary>
internal sealed class WalletsCommandsService(CommandCalls calls) : WalletsCommands.WalletsCommandsBase
{
    public override Task<CreateWalletReceipt> CreateWallet(CreateWalletRequest request, ServerCallContext context) => calls.ExecuteAsync<CreateWalletReceipt>(request, context);

    public override Task<PostPayinReceipt> PostPayin(PostPayinRequest request, ServerCallContext context) => calls.ExecuteAsync<PostPayinReceipt>(request, context);

    public override Task<TransferReceipt> Transfer(TransferRequest request, ServerCallContext context) => calls.ExecuteAsync<TransferReceipt>(request, context);
}

/// <summary><c>walletflow.v1.FxCommands</c>.</summary>
internal sealed class FxCommandsService(CommandCalls calls) : FxCommands.FxCommandsBase
{
    public override Task<CreateFxQuoteReceipt> CreateFxQuote(CreateFxQuoteRequest request, ServerCallContext context) => calls.ExecuteAsync<CreateFxQuoteReceipt>(request, context);

    public override Task<BookFxDealReceipt> BookFxDeal(BookFxDealRequest request, ServerCallContext context) => calls.ExecuteAsync<BookFxDealReceipt>(request, context);

    public override Task<BookCounterpartyTradeReceipt> BookCounterpartyTrade(BookCounterpartyTradeRequest request, ServerCallContext context) => calls.ExecuteAsync<BookCounterpartyTradeReceipt>(request, context);

    public override Task<StablecoinOnrampReceipt> StablecoinOnramp(StablecoinOnrampRequest request, ServerCallContext context) => calls.ExecuteAsync<StablecoinOnrampReceipt>(request, context);

    public override Task<StablecoinOfframpReceipt> StablecoinOfframp(StablecoinOfframpRequest request, ServerCallContext context) => calls.ExecuteAsync<StablecoinOfframpReceipt>(request, context);
}

/// <summary><c>walletflow.v1.TreasuryCommands</c>.</summary>
internal sealed class TreasuryCommandsService(CommandCalls calls) : TreasuryCommands.TreasuryCommandsBase
{
    public override Task<FundBankAccountReceipt> FundBankAccount(FundBankAccountRequest request, ServerCallContext context) => calls.ExecuteAsync<FundBankAccountReceipt>(request, context);

    public override Task<PostOpeningBalanceReceipt> PostOpeningBalance(PostOpeningBalanceRequest request, ServerCallContext context) => calls.ExecuteAsync<PostOpeningBalanceReceipt>(request, context);

    public override Task<TopUpGpsPoolReceipt> TopUpGpsPool(TopUpGpsPoolRequest request, ServerCallContext context) => calls.ExecuteAsync<TopUpGpsPoolReceipt>(request, context);
}

/// <summary><c>walletflow.v1.PayoutsCommands</c>.</summary>
internal sealed class PayoutsCommandsService(CommandCalls calls) : PayoutsCommands.PayoutsCommandsBase
{
    public override Task<GpsCrossCurrencyPayoutReceipt> GpsCrossCurrencyPayout(GpsCrossCurrencyPayoutRequest request, ServerCallContext context) => calls.ExecuteAsync<GpsCrossCurrencyPayoutReceipt>(request, context);

    public override Task<ReservePayoutReceipt> ReservePayout(ReservePayoutRequest request, ServerCallContext context) => calls.ExecuteAsync<ReservePayoutReceipt>(request, context);

    public override Task<SubmitPayoutReceipt> SubmitPayout(SubmitPayoutRequest request, ServerCallContext context) => calls.ExecuteAsync<SubmitPayoutReceipt>(request, context);

    public override Task<SettleHoldReceipt> SettleHold(SettleHoldRequest request, ServerCallContext context) => calls.ExecuteAsync<SettleHoldReceipt>(request, context);

    public override Task<ReleaseHoldReceipt> ReleaseHold(ReleaseHoldRequest request, ServerCallContext context) => calls.ExecuteAsync<ReleaseHoldReceipt>(request, context);

    public override Task<MarkPayoutManualReviewReceipt> MarkPayoutManualReview(MarkPayoutManualReviewRequest request, ServerCallContext context) => calls.ExecuteAsync<MarkPayoutManualReviewReceipt>(request, context);
}

/// <summary><c>walletflow.v1.ControlsCommands</c>.</summary>
internal sealed class ControlsCommandsService(CommandCalls calls) : ControlsCommands.ControlsCommandsBase
{
    public override Task<SetFeatureFlagReceipt> SetFeatureFlag(SetFeatureFlagRequest request, ServerCallContext context) => calls.ExecuteAsync<SetFeatureFlagReceipt>(request, context);
}

/// <summary><c>walletflow.v1.ReservesCommands</c>.</summary>
internal sealed class ReservesCommandsService(CommandCalls calls) : ReservesCommands.ReservesCommandsBase
{
    public override Task<HoldRollingReserveReceipt> HoldRollingReserve(HoldRollingReserveRequest request, ServerCallContext context) => calls.ExecuteAsync<HoldRollingReserveReceipt>(request, context);

    public override Task<ReleaseRollingReserveReceipt> ReleaseRollingReserve(ReleaseRollingReserveRequest request, ServerCallContext context) => calls.ExecuteAsync<ReleaseRollingReserveReceipt>(request, context);
}

/// <summary><c>walletflow.v1.CorrectionsCommands</c>.</summary>
internal sealed class CorrectionsCommandsService(CommandCalls calls) : CorrectionsCommands.CorrectionsCommandsBase
{
    public override Task<PostCorrectionReceipt> PostCorrection(PostCorrectionRequest request, ServerCallContext context) => calls.ExecuteAsync<PostCorrectionReceipt>(request, context);

    public override Task<ReverseReceipt> Reverse(ReverseRequest request, ServerCallContext context) => calls.ExecuteAsync<ReverseReceipt>(request, context);
}

/// <summary><c>walletflow.v1.ReconciliationCommands</c>.</summary>
internal sealed class ReconciliationCommandsService(CommandCalls calls) : ReconciliationCommands.ReconciliationCommandsBase
{
    public override Task<RebuildStatementsReceipt> RebuildStatements(RebuildStatementsRequest request, ServerCallContext context) => calls.ExecuteAsync<RebuildStatementsReceipt>(request, context);
}

/// <summary><c>walletflow.v1.WebhooksCommands</c>.</summary>
internal sealed class WebhooksCommandsService(CommandCalls calls) : WebhooksCommands.WebhooksCommandsBase
{
    public override Task<CreateWebhookEndpointReceipt> CreateWebhookEndpoint(CreateWebhookEndpointRequest request, ServerCallContext context) => calls.ExecuteAsync<CreateWebhookEndpointReceipt>(request, context);

    public override Task<RotateWebhookSecretReceipt> RotateWebhookSecret(RotateWebhookSecretRequest request, ServerCallContext context) => calls.ExecuteAsync<RotateWebhookSecretReceipt>(request, context);

    public override Task<ReplayWebhookDeliveryReceipt> ReplayWebhookDelivery(ReplayWebhookDeliveryRequest request, ServerCallContext context) => calls.ExecuteAsync<ReplayWebhookDeliveryReceipt>(request, context);

    public override Task<DiscardWebhookDeliveryReceipt> DiscardWebhookDelivery(DiscardWebhookDeliveryRequest request, ServerCallContext context) => calls.ExecuteAsync<DiscardWebhookDeliveryReceipt>(request, context);
}
