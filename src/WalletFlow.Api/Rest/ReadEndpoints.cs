using WalletFlow.Access;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Controls;
using WalletFlow.Application.Fx;
using WalletFlow.Application.Payouts.Sagas;
using WalletFlow.Application.Wallets;
using WalletFlow.Application.Statements;
using WalletFlow.Application.Tenancy;
using WalletFlow.Application.Webhooks;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Api.Rest;

/// <summary>The reads a partner needs: a wallet, its balances and statement, a transaction, a command by its key, holds, payouts with their timelines and FX quotes; the provider events, the feature flags, statement rebuilds and the webhook endpoints and deliveries.</summary>
internal static class ReadEndpoints
{
    /// <summary>
    /// The reads, each with its rule: a wallet, its balances and statement, and a command by its key are open to partner
    /// keys too (each held to its key's scopes and merchant, <see cref="WalletQueries.AdmitAsync"/>); the rest to operators.
    /// </summary>
    public static RouteGroupBuilder MapReads(this RouteGroupBuilder v1)
    {
        var partners = v1.MapGroup(string.Empty).RequireAuthorization(AccessPolicies.ApiRoles(AccessRoles.Admin, AccessRoles.Operator, AccessRoles.Partner));
        partners.MapGet("/wallets/{walletId}", (string walletId, HttpContext context, WalletQueries queries, CancellationToken cancellationToken) =>
                Answer(queries.AdmitAsync(context.User.ToCaller(), PartnerScopes.GetWallet, walletId, cancellationToken), () => queries.GetWalletAsync(walletId, cancellationToken)))
            .WithName(PartnerScopes.GetWallet).WithTags("Wallets").WithSummary("A wallet").Produces<WalletData>().ProducesReadProblems();
        partners.MapGet("/wallets/{walletId}/balances", (string walletId, HttpContext context, WalletQueries queries, CancellationToken cancellationToken) =>
                Answer(queries.AdmitAsync(context.User.ToCaller(), PartnerScopes.GetBalances, walletId, cancellationToken), () => queries.GetBalancesAsync(walletId, cancellationToken)))
            .WithName(PartnerScopes.GetBalances).WithTags("Wallets").WithSummary("A wallet's available, held and reserved balances, from the ledger")
            .Produces<BalancesData>().ProducesReadProblems();
        partners.MapGet("/wallets/{walletId}/statement", (string walletId, int? limit, string? cursor, HttpContext context, WalletQueries queries, CancellationToken cancellationToken) =>
                Answer(queries.AdmitAsync(context.User.ToCaller(), PartnerScopes.GetStatement, walletId, cancellationToken), () => queries.GetStatementAsync(walletId, limit, cursor, cancellationToken)))
            .WithName(PartnerScopes.GetStatement).WithTags("Wallets").WithSummary("A wallet's ledger movements, newest first, a page at a time (cursor)")
            .Produces<PageData<StatementLine>>().ProducesReadProblems();
        partners.MapGet("/commands/{idempotencyKey}", (string idempotencyKey, HttpContext context, WalletQueries queries, CancellationToken cancellationToken) =>
                WalletQueries.Admit(context.User.ToCaller(), PartnerScopes.GetCommand) is { } refused
                    ? Task.FromResult(RestProblems.For(refused))
                    : Answer(queries.GetCommandAsync(context.User.ToCaller(), idempotencyKey, cancellationToken)))
            .WithName(PartnerScopes.GetCommand).WithTags("Transactions").WithSummary("The receipt of the command completed under an idempotency key (a partner's: under its merchant's keys)")
            .Produces<CommandReceipt<object>>().ProducesReadProblems();

        var group = v1.MapGroup(string.Empty).RequireAuthorization(AccessPolicies.ApiOperator);
        group.MapGet("/transactions/{transactionId}", (string transactionId, WalletQueries queries, CancellationToken cancellationToken) =>
                Answer(queries.GetTransactionAsync(transactionId, cancellationToken)))
            .WithName("getTransaction").WithTags("Transactions").WithSummary("A WalletFlow transaction (wtx_...) with its ledger transaction")
            .Produces<TransactionData>().ProducesReadProblems();
        group.MapGet("/holds", (string? walletId, string? status, int? limit, string? cursor, WalletQueries queries, CancellationToken cancellationToken) =>
                Answer(queries.ListHoldsAsync(walletId, status, limit, cursor, cancellationToken)))
            .WithName("listHolds").WithTags("Payouts").WithSummary("Payout holds, filtered by wallet and status, a page at a time (cursor)")
            .Produces<PageData<HoldData>>().ProducesReadProblems();
        group.MapGet("/holds/{holdId}", (string holdId, WalletQueries queries, CancellationToken cancellationToken) =>
                Answer(queries.GetHoldAsync(holdId, cancellationToken)))
            .WithName("getHold").WithTags("Payouts").WithSummary("A payout hold").Produces<HoldData>().ProducesReadProblems();
        group.MapGet("/payouts/{holdId}", (string holdId, PayoutQueries queries, CancellationToken cancellationToken) =>
                Answer(queries.GetPayoutAsync(holdId, cancellationToken)))
            .WithName("getPayout").WithTags("Payouts").WithSummary("A payout: its hold, its saga (step, attempts, next due time, last answer) and its timeline")
            .Produces<PayoutData>().ProducesReadProblems();
        group.MapGet("/provider-events", async (PayoutQueries queries, CancellationToken cancellationToken) =>
                Results.Json(await queries.ProviderEventsAsync(cancellationToken), CommandJson.Options))
            .WithName("listProviderEvents").WithTags("Payouts").WithSummary($"The latest {PayoutQueries.ProviderEventLimit} provider events of every payout (submits, requeries, callbacks), newest first")
            .Produces<ProviderEventsData>().ProducesReadProblems();
        group.MapGet("/fx/quotes/{quoteId}", (string quoteId, FxQueries queries, CancellationToken cancellationToken) =>
                Answer(queries.GetQuoteAsync(quoteId, cancellationToken)))
            .WithName("getFxQuote").WithTags("Fx").WithSummary("An FX quote, and the deal that booked it if one did").Produces<FxQuoteData>().ProducesReadProblems();
        group.MapGet("/feature-flags", (FeatureFlagQueries queries, CancellationToken cancellationToken) => Answer(queries.ListAsync(cancellationToken)))
            .WithName("listFeatureFlags").WithTags("Controls").WithSummary("Every stored feature flag value, by flag and scope")
            .Produces<FeatureFlagListData>().ProducesReadProblems();
        group.MapGet("/statement-rebuilds", async (StatementQueries queries, CancellationToken cancellationToken) =>
                Results.Json(await queries.ListRebuildsAsync(cancellationToken), CommandJson.Options))
            .WithName("listStatementRebuilds").WithTags("Reconciliation").WithSummary($"The latest {StatementQueries.RecentCount} statement rebuilds and their progress, newest first")
            .Produces<StatementRebuildListData>().ProducesReadProblems();
        group.MapGet("/statement-rebuilds/{rebuildId}", (string rebuildId, StatementQueries queries, CancellationToken cancellationToken) =>
                Answer(queries.GetRebuildAsync(rebuildId, cancellationToken)))
            .WithName("getStatementRebuild").WithTags("Reconciliation").WithSummary("A statement rebuild and its progress: wallets done of all, lines written")
            .Produces<StatementRebuildData>().ProducesReadProblems();
        group.MapGet("/webhook-endpoints", (string? merchantId, WebhookQueries queries, CancellationToken cancellationToken) =>
                Answer(queries.ListEndpointsAsync(merchantId, cancellationToken)))
            .WithName("listWebhookEndpoints").WithTags("Webhooks").WithSummary("Webhook endpoints, newest first, optionally of one merchant; never their secrets")
            .Produces<WebhookEndpointListData>().ProducesReadProblems();
        group.MapGet("/webhook-deliveries", (string? status, string? endpointId, string? since, int? limit, string? cursor, WebhookQueries queries, CancellationToken cancellationToken) =>
                Answer(queries.ListDeliveriesAsync(status, endpointId, since, limit, cursor, cancellationToken)))
            .WithName("listWebhookDeliveries").WithTags("Webhooks").WithSummary("Webhook deliveries, newest first, filtered by status, endpoint and creation time, a page at a time (cursor)")
            .Produces<PageData<WebhookDeliveryData>>().ProducesReadProblems();
        group.MapGet("/webhook-deliveries/{deliveryId}", (string deliveryId, WebhookQueries queries, CancellationToken cancellationToken) =>
                Answer(queries.GetDeliveryAsync(deliveryId, cancellationToken)))
            .WithName("getWebhookDelivery").WithTags("Webhooks").WithSummary("A webhook delivery and every attempt of it: status code, latency, error")
            .Produces<WebhookDeliveryDetailData>().ProducesReadProblems();
        return v1;
    }

    /// <summary>The read, if the caller is admitted to it; else the refusal as problem+json, and the read never runs.</summary>
    internal static async Task<IResult> Answer<T>(Task<Error?> admission, Func<Task<Result<T>>> read) =>
        await admission is { } refused ? RestProblems.For(refused) : await Answer(read());

    /// <summary>The read's value as JSON, or its error as problem+json.</summary>
    internal static async Task<IResult> Answer<T>(Task<Result<T>> read)
    {
        var result = await read;
        return result.TryGetValue(out var value, out var error) ? Results.Json(value, CommandJson.Options) : RestProblems.For(error);
    }

    internal static RouteHandlerBuilder ProducesReadProblems(this RouteHandlerBuilder route) => route
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status404NotFound);
}
