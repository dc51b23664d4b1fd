using Google.Protobuf;
using Grpc.Core;
using WalletFlow.Access;
using WalletFlow.Api.Grpc.Mapping;
using WalletFlow.Application.Fx;
using WalletFlow.Application.Payouts.Sagas;
using WalletFlow.Application.Reconciliation;
using WalletFlow.Application.Reporting;
using WalletFlow.Application.Tenancy;
using WalletFlow.Application.Wallets;
using WalletFlow.Application.Webhooks;
using WalletFlow.Domain.Errors;
using Wire = WalletFlow.Api.Grpc.WalletCore.Contracts;

namespace WalletFlow.Api.Grpc.Wallets;

/// <summary>
/// <c>walletflow.v1.WalletReads</c>: the reads of <see cref="WalletQueries"/> (and the FX quote), each query message
/// mapped to its query record and each answer to its message (<see cref="ProtoMapper"/>); and
/// <c>WatchWalletMovements</c>, which polls the wallet's statement and streams each new line. Operators, and partner
/// keys for the wallet reads (<see cref="PartnerMethods"/>), each held to its scopes and merchant (the bearer policies
/// are attached where the service is mapped).
/// </summary>
internal sealed class WalletReadsGrpcService(
    WalletQueries queries, FxQueries fx, PayoutQueries payouts, WebhookQueries webhooks, ReportingQueries reports, ReconciliationQueries reconciliation, TimeProvider clock) : Wire.WalletReads.WalletReadsBase
{
    /// <summary>The methods a partner key may call, each the read of its scope's name.</summary>
    public static IReadOnlySet<string> PartnerMethods { get; } = new HashSet<string>(["GetWallet", "GetBalances", "GetStatement", "GetCommand"], StringComparer.Ordinal);

    /// <summary>How often a movement stream asks the ledger for new lines.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public override Task<Wire.WalletData> GetWallet(Wire.GetWalletQuery request, ServerCallContext context) =>
        ReadAsync<GetWalletQuery, WalletData, Wire.WalletData>(request, context, async (query, token) =>
            await queries.AdmitAsync(Caller(context), PartnerScopes.GetWallet, query.WalletId, token) is { } refused ? refused : await queries.GetWalletAsync(query.WalletId, token));

    public override Task<Wire.BalancesData> GetBalances(Wire.GetBalancesQuery request, ServerCallContext context) =>
        ReadAsync<GetBalancesQuery, BalancesData, Wire.BalancesData>(request, context, async (query, token) =>
            await queries.AdmitAsync(Caller(context), PartnerScopes.GetBalances, query.WalletId, token) is { } refused ? refused : await queries.GetBalancesAsync(query.WalletId, token));

    public override Task<Wire.StatementLinePage> GetStatement(Wire.GetStatementQuery request, ServerCallContext context) =>
        ReadAsync<GetStatementQuery, PageData<StatementLine>, Wire.StatementLinePage>(request, context, async (query, token) =>
            await queries.AdmitAsync(Caller(context), PartnerScopes.GetStatement, query.WalletId, token) is { } refused
                ? refused
                : await queries.GetStatementAsync(query.WalletId, query.Limit, query.Cursor, token));

    public override Task<Wire.TransactionData> GetTransaction(Wire.GetTransactionQuery request, ServerCallContext context) =>
        ReadAsync<GetTransactionQuery, TransactionData, Wire.TransactionData>(request, context, (query, token) => queries.GetTransactionAsync(query.TransactionId, token));

    public override Task<Wire.CommandReceipt> GetCommand(Wire.GetCommandQuery request, ServerCallContext context) =>
        ReadAsync<GetCommandQuery, Application.Commands.CommandReceipt<object>, Wire.CommandReceipt>(
            request, context, async (query, token) => WalletQueries.Admit(Caller(context), PartnerScopes.GetCommand) is { } refused
                ? refused
                : await queries.GetCommandAsync(Caller(context), query.IdempotencyKey, token));

    public override Task<Wire.HoldPage> ListHolds(Wire.ListHoldsQuery request, ServerCallContext context) =>
        ReadAsync<ListHoldsQuery, PageData<HoldData>, Wire.HoldPage>(request, context, (query, token) => queries.ListHoldsAsync(query.WalletId, query.Status, query.Limit, query.Cursor, token));

    public override Task<Wire.HoldData> GetHold(Wire.GetHoldQuery request, ServerCallContext context) =>
        ReadAsync<GetHoldQuery, HoldData, Wire.HoldData>(request, context, (query, token) => queries.GetHoldAsync(query.HoldId, token));

    public override Task<Wire.PayoutData> GetPayout(Wire.GetPayoutQuery request, ServerCallContext context) =>
        ReadAsync<GetPayoutQuery, PayoutData, Wire.PayoutData>(request, context, (query, token) => payouts.GetPayoutAsync(query.HoldId, token));

    public override Task<Wire.ProviderEventsData> ListProviderEvents(Wire.ListProviderEventsQuery request, ServerCallContext context) =>
        ReadAsync<ListProviderEventsQuery, ProviderEventsData, Wire.ProviderEventsData>(
            request, context, async (_, token) => Result<ProviderEventsData>.Success(await payouts.ProviderEventsAsync(token)));

    public override Task<Wire.FxQuoteData> GetFxQuote(Wire.GetFxQuoteQuery request, ServerCallContext context) =>
        ReadAsync<GetFxQuoteQuery, FxQuoteData, Wire.FxQuoteData>(request, context, (query, token) => fx.GetQuoteAsync(query.QuoteId, token));

    public override Task<Wire.WebhookEndpointListData> ListWebhookEndpoints(Wire.ListWebhookEndpointsQuery request, ServerCallContext context) =>
        ReadAsync<ListWebhookEndpointsQuery, WebhookEndpointListData, Wire.WebhookEndpointListData>(request, context, (query, token) => webhooks.ListEndpointsAsync(query.MerchantId, token));

    public override Task<Wire.WebhookDeliveryPage> ListWebhookDeliveries(Wire.ListWebhookDeliveriesQuery request, ServerCallContext context) =>
        ReadAsync<ListWebhookDeliveriesQuery, PageData<WebhookDeliveryData>, Wire.WebhookDeliveryPage>(
            request, context, (query, token) => webhooks.ListDeliveriesAsync(query.Status, query.EndpointId, query.Since, query.Limit, query.Cursor, token));

    public override Task<Wire.WebhookDeliveryDetailData> GetWebhookDelivery(Wire.GetWebhookDeliveryQuery request, ServerCallContext context) =>
        ReadAsync<GetWebhookDeliveryQuery, WebhookDeliveryDetailData, Wire.WebhookDeliveryDetailData>(request, context, (query, token) => webhooks.GetDeliveryAsync(query.DeliveryId, token));

    public override Task<Wire.TrialBalanceData> GetTrialBalance(Wire.GetTrialBalanceQuery request, ServerCallContext context) =>
        ReadAsync<GetTrialBalanceQuery, TrialBalanceData, Wire.TrialBalanceData>(request, context, (query, token) => reports.GetTrialBalanceAsync(query.At, query.Basis, query.Currency, token));

    public override Task<Wire.AlmData> GetAlm(Wire.GetAlmQuery request, ServerCallContext context) =>
        ReadAsync<GetAlmQuery, AlmData, Wire.AlmData>(request, context, (query, token) => reports.GetAlmAsync(query.At, token));

    public override Task<Wire.ReconciliationRunListData> ListReconciliationRuns(Wire.ListReconciliationRunsQuery request, ServerCallContext context) =>
        ReadAsync<ListReconciliationRunsQuery, ReconciliationRunListData, Wire.ReconciliationRunListData>(
            request, context, async (_, token) => Result<ReconciliationRunListData>.Success(await reconciliation.ListRunsAsync(token)));

    public override Task<Wire.ReconciliationRunData> GetReconciliationRun(Wire.GetReconciliationRunQuery request, ServerCallContext context) =>
        ReadAsync<GetReconciliationRunQuery, ReconciliationRunData, Wire.ReconciliationRunData>(request, context, (query, token) => reconciliation.GetRunAsync(query.RunId, token));

    /// <summary>
    /// Streams the wallet's new statement lines, oldest first, until the call is cancelled (the caller leaves or the
    /// deadline passes). Each poll reads the statement newest first, and follows older pages only while every line
    /// on a page is new, so a burst longer than a page arrives whole. Ledger ids are drawn before a transaction
    /// commits, so two transactions on different accounts of the wallet (its available balance and a hold) may
    /// become visible out of id order: the stream remembers the last <see cref="WalletQueries.MaxPageSize"/> lines
    /// it sent rather than only the highest id, and delivers a line that appears late under a lower id too. The
    /// statement is the read model the outbox relay writes, so a line arrives once the relay has published its event,
    /// with the balances after it as they stood then (a line published late moves the later lines' balances).
    /// </summary>
    public override async Task WatchWalletMovements(Wire.WatchWalletMovementsQuery request, IServerStreamWriter<Wire.StatementLine> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var query = Answer(ProtoMapper.ToRecord<WatchWalletMovementsQuery>(request));
        var cancellationToken = context.CancellationToken;
        var latest = Answer(await queries.GetStatementAsync(query.WalletId, 1, null, cancellationToken));

        // Lines at or below the floor are never sent; above it, those already sent are remembered.
        var floor = query.AfterLedgerTransactionId ?? (latest.Items.Count > 0 ? latest.Items[0].LedgerTransactionId : 0);
        var sent = new SortedSet<long>();
        // From here on every movement after the floor is delivered: the headers tell the caller the stream is live.
        await context.WriteResponseHeadersAsync([]);
        while (true)
        {
            var fresh = new List<StatementLine>();
            string? cursor = null;
            do
            {
                var page = Answer(await queries.GetStatementAsync(query.WalletId, WalletQueries.MaxPageSize, cursor, cancellationToken));
                var unseen = page.Items.Where(line => line.LedgerTransactionId > floor && !sent.Contains(line.LedgerTransactionId)).ToList();
                fresh.AddRange(unseen);
                cursor = unseen.Count == page.Items.Count ? page.Next : null;
            }
            while (cursor is not null);

            foreach (var line in fresh.OrderBy(line => line.LedgerTransactionId))
            {
                await responseStream.WriteAsync(ProtoMapper.ToMessage<Wire.StatementLine>(line, typeof(StatementLine)), cancellationToken);
                sent.Add(line.LedgerTransactionId);
            }

            while (sent.Count > WalletQueries.MaxPageSize)
            {
                floor = Math.Max(floor, sent.Min);
                sent.Remove(sent.Min);
            }

            await Task.Delay(PollInterval, clock, cancellationToken);
        }
    }

    private static async Task<TMessage> ReadAsync<TQuery, TResult, TMessage>(IMessage request, ServerCallContext context, Func<TQuery, CancellationToken, Task<Result<TResult>>> read)
        where TQuery : class
        where TResult : notnull
        where TMessage : IMessage<TMessage>, new()
    {
        var query = Answer(ProtoMapper.ToRecord<TQuery>(request));
        var result = Answer(await read(query, context.CancellationToken));
        return ProtoMapper.ToMessage<TMessage>(result, typeof(TResult));
    }

    private static Application.Commands.Caller Caller(ServerCallContext context) => context.GetHttpContext().User.ToCaller();

    /// <summary>The value, or the call ends with the error's status.</summary>
    private static T Answer<T>(Result<T> result) =>
        result.TryGetValue(out var value, out var error) ? value : throw GrpcErrorMapping.ToRpcException(error);
}
