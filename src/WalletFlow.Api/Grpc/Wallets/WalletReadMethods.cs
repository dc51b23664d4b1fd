using WalletFlow.Application.Fx;
using WalletFlow.Application.Payouts.Sagas;
using WalletFlow.Application.Reconciliation;
using WalletFlow.Application.Reporting;
using WalletFlow.Application.Wallets;
using WalletFlow.Application.Webhooks;

namespace WalletFlow.Api.Grpc.Wallets;

public sealed record GetWalletQuery(string? WalletId);

public sealed record GetBalancesQuery(string? WalletId);

/// <summary>A page of a wallet's statement, newest first; <see cref="Cursor"/> is the previous page's <c>next</c>.</summary>
public sealed record GetStatementQuery(string? WalletId, int? Limit, string? Cursor);

/// <summary>A WalletFlow transaction by its command id (<c>wtx_…</c>).</summary>
public sealed record GetTransactionQuery(string? TransactionId);

/// <summary>The receipt of the command the caller completed under an idempotency key.</summary>
public sealed record GetCommandQuery(string? IdempotencyKey);

public sealed record ListHoldsQuery(string? WalletId, string? Status, int? Limit, string? Cursor);

public sealed record GetHoldQuery(string? HoldId);

public sealed record GetPayoutQuery(string? HoldId);

/// <summary>The latest provider events of every payout; it takes nothing.</summary>
public sealed record ListProviderEventsQuery;

public sealed record GetFxQuoteQuery(string? QuoteId);

public sealed record ListWebhookEndpointsQuery(string? MerchantId);

/// <summary>Deliveries newest first; <see cref="Since"/> is an ISO 8601 time, <see cref="Cursor"/> the previous page's <c>next</c>.</summary>
public sealed record ListWebhookDeliveriesQuery(string? Status, string? EndpointId, string? Since, int? Limit, string? Cursor);

public sealed record GetWebhookDeliveryQuery(string? DeliveryId);

/// <summary>The trial balance now, or at <see cref="At"/> (ISO 8601) by <see cref="Basis"/> (effective or insertion), of every currency or one.</summary>
public sealed record GetTrialBalanceQuery(string? At, string? Basis, string? Currency);

/// <summary>The ALM view now, or at <see cref="At"/> (ISO 8601) by effective date.</summary>
public sealed record GetAlmQuery(string? At);

/// <summary>The latest runs of the reconciliation gates; it takes nothing.</summary>
public sealed record ListReconciliationRunsQuery;

public sealed record GetReconciliationRunQuery(string? RunId);

/// <summary>
/// A wallet's statement lines as they happen: those after <see cref="AfterLedgerTransactionId"/>, or, without it,
/// those posted after the stream opened.
/// </summary>
public sealed record WatchWalletMovementsQuery(string? WalletId, long? AfterLedgerTransactionId);

/// <summary>One method of <c>walletflow.v1.WalletReads</c>: its query record, what it answers, and whether it streams.</summary>
public sealed record WalletReadMethod(string Name, string Summary, Type Query, Type Result, bool Streaming = false);

/// <summary>
/// The reads of the gRPC front, mirroring <see cref="WalletQueries"/> (and the FX quote read): the .proto text is
/// generated from this list (<see cref="Commands.CommandProtoWriter"/>) and the service serves exactly it.
/// </summary>
public static class WalletReadMethods
{
    public const string ServiceName = "WalletReads";

    public static IReadOnlyList<WalletReadMethod> All { get; } =
    [
        new("GetWallet", "A wallet: merchant, currency, label, status.", typeof(GetWalletQuery), typeof(WalletData)),
        new("GetBalances", "A wallet's available, held (payout holds) and reserved (rolling reserve) balances, from the ledger.", typeof(GetBalancesQuery), typeof(BalancesData)),
        new("GetStatement", "A wallet's ledger movements, newest first, a page at a time (limit 1 to 100, default 25; cursor from the previous page's next).", typeof(GetStatementQuery), typeof(PageData<StatementLine>)),
        new("GetTransaction", "A WalletFlow transaction (wtx_...): the command's receipt, and whether it was reversed.", typeof(GetTransactionQuery), typeof(TransactionData)),
        new("GetCommand", "The receipt of the command completed under an idempotency key, in the caller's key scope.", typeof(GetCommandQuery), typeof(Application.Commands.CommandReceipt<object>)),
        new("ListHolds", "Payout holds, filtered by wallet and status, a page at a time (cursor).", typeof(ListHoldsQuery), typeof(PageData<HoldData>)),
        new("GetHold", "A payout hold.", typeof(GetHoldQuery), typeof(HoldData)),
        new("GetPayout", "A payout: its hold, its saga (step, attempts, next due time, last answer) and its timeline, oldest first.", typeof(GetPayoutQuery), typeof(PayoutData)),
        new("ListProviderEvents", "The latest provider events of every payout (submits, requeries, callbacks), newest first.", typeof(ListProviderEventsQuery), typeof(ProviderEventsData)),
        new("GetFxQuote", "An FX quote, and the deal that booked it if one did.", typeof(GetFxQuoteQuery), typeof(FxQuoteData)),
        new("ListWebhookEndpoints", "Webhook endpoints, newest first, optionally of one merchant; never their secrets.", typeof(ListWebhookEndpointsQuery), typeof(WebhookEndpointListData)),
        new(
            "ListWebhookDeliveries",
            "Webhook deliveries, newest first, filtered by status, endpoint and creation time (since, ISO 8601), a page at a time (cursor).",
            typeof(ListWebhookDeliveriesQuery),
            typeof(PageData<WebhookDeliveryData>)),
        new("GetWebhookDelivery", "A webhook delivery and every attempt of it: status code, latency, error.", typeof(GetWebhookDeliveryQuery), typeof(WebhookDeliveryDetailData)),
        new(
            "GetTrialBalance",
            "The trial balance per currency and GL line, now or at a point in time by effective or insertion date, with whether it foots and its memorandum line (the external world).",
            typeof(GetTrialBalanceQuery),
            typeof(TrialBalanceData)),
        new("GetAlm", "Assets against liabilities per currency, with the gap and the coverage, now or at a point in time.", typeof(GetAlmQuery), typeof(AlmData)),
        new("ListReconciliationRuns", "The latest runs of the four reconciliation gates, newest first.", typeof(ListReconciliationRunsQuery), typeof(ReconciliationRunListData)),
        new("GetReconciliationRun", "A run of the reconciliation gates: each gate's verdict, figures and mismatches.", typeof(GetReconciliationRunQuery), typeof(ReconciliationRunData)),
        new(
            "WatchWalletMovements",
            "The wallet's statement lines as they are posted, oldest first: after after_ledger_transaction_id when given, else from the moment the stream opens. The server polls the ledger every 200 ms; the stream ends when the caller cancels or its deadline passes.",
            typeof(WatchWalletMovementsQuery),
            typeof(StatementLine),
            Streaming: true),
    ];
}
