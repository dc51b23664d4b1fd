using Microsoft.AspNetCore.Mvc;
using WalletFlow.Domain.Errors;
using WalletFlow.Ledger;
using WalletFlow.Ledger.Formance;
using WalletFlow.Ledger.Formance.Wire;

namespace WalletFlow.Api.Ledger;

/// <summary>Formance v2's transaction routes: create, list, count, read, revert, and transaction metadata.</summary>
internal static class TransactionEndpoints
{
    public static void Map(LedgerApiRoutes v2)
    {
        v2.Writes.MapPost("/{ledger}/transactions", CreateAsync).WithName("v2CreateTransaction");
        v2.Reads.MapGet("/{ledger}/transactions", ListAsync).WithName("v2ListTransactions");
        v2.Reads.MapMethods("/{ledger}/transactions", [HttpMethods.Head], CountAsync).WithName("v2CountTransactions");
        v2.Reads.MapGet("/{ledger}/transactions/{id}", GetAsync).WithName("v2GetTransaction");
        v2.Writes.MapPost("/{ledger}/transactions/{id}/revert", RevertAsync).WithName("v2RevertTransaction");
        v2.Writes.MapPost("/{ledger}/transactions/{id}/metadata", AddMetadataAsync).WithName("v2AddMetadataOnTransaction");
        v2.Writes.MapDelete("/{ledger}/transactions/{id}/metadata/{key}", DeleteMetadataAsync).WithName("v2DeleteTransactionMetadata");
    }

    /// <summary>200 with the transaction; a replay of an idempotency key answers the original with <c>Idempotency-Hit: true</c>.</summary>
    private static async Task<IResult> CreateAsync(string ledger, HttpContext context, [FromServices] ILedger ledgers, CancellationToken cancellationToken)
    {
        var (request, response) = (context.Request, context.Response);
        if (FormanceHttp.RefuseDryRun(request) is { } dryRun)
        {
            return FormanceHttp.Failure(dryRun);
        }

        var force = FormanceHttp.Flag(request, "force");
        if (!force.IsSuccess)
        {
            return FormanceHttp.Failure(force.Error);
        }

        var body = await FormanceHttp.ReadBodyAsync<V2PostTransaction>(request, cancellationToken);
        if (!body.IsSuccess)
        {
            return FormanceHttp.Failure(body.Error);
        }

        var transaction = FormanceMapping.ToPort(body.Value, FormanceHttp.IdempotencyKey(request), force.Value);
        if (!transaction.IsSuccess)
        {
            return FormanceHttp.Failure(transaction.Error);
        }

        if (LedgerApiAccess.ForceRefusal(context, transaction.Value.Force, ledger, "create transaction") is { } refused)
        {
            return refused;
        }

        var posted = await ledgers.PostAsync(ledger, transaction.Value, cancellationToken);
        return Posted(posted, response, StatusCodes.Status200OK);
    }

    /// <summary>Newest first. Filters: <c>account</c>, <c>reference</c>, <c>metadata[key]</c>.</summary>
    private static async Task<IResult> ListAsync(string ledger, HttpRequest request, [FromServices] ILedger ledgers, CancellationToken cancellationToken)
    {
        var listing = await ListingAsync(request, cancellationToken);
        if (!listing.IsSuccess)
        {
            return FormanceHttp.Failure(listing.Error);
        }

        return FormanceHttp.Page(await ledgers.ListTransactionsAsync(ledger, listing.Value.ToTransactionQuery(), cancellationToken), listing.Value, FormanceMapping.ToWire);
    }

    private static async Task<IResult> CountAsync(string ledger, HttpContext context, [FromServices] ILedger ledgers, CancellationToken cancellationToken)
    {
        if (await FormanceHttp.RefuseCountSelectionAsync(context.Request, cancellationToken) is { } refused)
        {
            return FormanceHttp.Failure(refused);
        }

        return FormanceHttp.Count(await ledgers.CountTransactionsAsync(ledger, cancellationToken), context.Response);
    }

    private static async Task<IResult> GetAsync(string ledger, string id, [FromServices] ILedger ledgers, CancellationToken cancellationToken)
    {
        var transactionId = FormanceHttp.TransactionId(id);
        if (!transactionId.IsSuccess)
        {
            return FormanceHttp.Failure(transactionId.Error);
        }

        var transaction = await ledgers.GetTransactionAsync(ledger, transactionId.Value, cancellationToken);
        return transaction.IsSuccess ? FormanceHttp.Data(FormanceMapping.ToWire(transaction.Value)) : FormanceHttp.Failure(transaction.Error);
    }

    /// <summary>201 with the reversal. <c>force</c> lets it overdraw; <c>atEffectiveDate</c> dates it like the original; the body may carry metadata.</summary>
    private static async Task<IResult> RevertAsync(string ledger, string id, HttpContext context, [FromServices] ILedger ledgers, CancellationToken cancellationToken)
    {
        var (request, response) = (context.Request, context.Response);
        var transactionId = FormanceHttp.TransactionId(id);
        var force = FormanceHttp.Flag(request, "force");
        var atEffectiveDate = FormanceHttp.Flag(request, "atEffectiveDate");
        var body = await FormanceHttp.ReadOptionalBodyAsync<V2RevertTransaction>(request, cancellationToken);
        if (FormanceHttp.FirstError(transactionId.Error, force.Error, atEffectiveDate.Error, body.Error, FormanceHttp.RefuseDryRun(request)) is { } refused)
        {
            return FormanceHttp.Failure(refused);
        }

        if (LedgerApiAccess.ForceRefusal(context, force.Value, ledger, $"revert of transaction {transactionId.Value}") is { } forbidden)
        {
            return forbidden;
        }

        var reverted = await ledgers.RevertAsync(
            ledger,
            new RevertRequest(transactionId.Value)
            {
                Force = force.Value,
                AtEffectiveDate = atEffectiveDate.Value,
                Metadata = body.Value?.Metadata ?? new Dictionary<string, string>(),
                IdempotencyKey = FormanceHttp.IdempotencyKey(request),
            },
            cancellationToken);
        return Posted(reverted, response, StatusCodes.Status201Created);
    }

    private static async Task<IResult> AddMetadataAsync(string ledger, string id, HttpRequest request, [FromServices] ILedger ledgers, CancellationToken cancellationToken)
    {
        var transactionId = FormanceHttp.TransactionId(id);
        var metadata = await FormanceHttp.ReadBodyAsync<Dictionary<string, string>>(request, cancellationToken);
        if (FormanceHttp.FirstError(transactionId.Error, metadata.Error, FormanceHttp.RefuseDryRun(request)) is { } refused)
        {
            return FormanceHttp.Failure(refused);
        }

        var saved = await ledgers.SetTransactionMetadataAsync(ledger, transactionId.Value, metadata.Value, cancellationToken);
        return saved.IsSuccess ? Results.NoContent() : FormanceHttp.Failure(saved.Error);
    }

    private static async Task<IResult> DeleteMetadataAsync(string ledger, string id, string key, [FromServices] ILedger ledgers, CancellationToken cancellationToken)
    {
        var transactionId = FormanceHttp.TransactionId(id);
        if (!transactionId.IsSuccess)
        {
            return FormanceHttp.Failure(transactionId.Error);
        }

        var deleted = await ledgers.DeleteTransactionMetadataAsync(ledger, transactionId.Value, key, cancellationToken);
        return deleted.IsSuccess ? Results.NoContent() : FormanceHttp.Failure(deleted.Error);
    }

    private static IResult Posted(Result<PostResult> posted, HttpResponse response, int status)
    {
        if (!posted.IsSuccess)
        {
            return FormanceHttp.Failure(posted.Error);
        }

        if (posted.Value.IdempotencyHit)
        {
            response.Headers[FormanceHttp.IdempotencyHitHeader] = "true";
        }

        return FormanceHttp.Data(FormanceMapping.ToWire(posted.Value.Transaction), status);
    }

    private static async Task<Result<LedgerApiCursor>> ListingAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.Query["cursor"].ToString() is { Length: > 0 } cursor)
        {
            return LedgerApiCursor.Decode(cursor);
        }

        var pageSize = FormanceHttp.PageSize(request);
        var filter = await FormanceHttp.ReadFilterAsync(request, cancellationToken);
        if (FormanceHttp.FirstError(pageSize.Error, filter.Error) is { } refused)
        {
            return refused;
        }

        string? account = null;
        string? reference = null;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (property, value) in filter.Value)
        {
            switch (property)
            {
                case "account":
                    account = value;
                    break;
                case "reference":
                    reference = value;
                    break;
                default:
                    if (FormanceFilter.MetadataKey(property) is not { } key)
                    {
                        return Error.Validation($"Transactions cannot be filtered on '{property}': use account, reference or metadata[key].", "query");
                    }

                    metadata[key] = value;
                    break;
            }
        }

        return new LedgerApiCursor { Account = account, Reference = reference, Metadata = metadata, PageSize = pageSize.Value, Position = "" };
    }
}
