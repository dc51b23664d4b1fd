using Grpc.Core;
using WalletFlow.Api.Grpc.Contracts;
using WalletFlow.Domain.Errors;
using WalletFlow.Ledger;

namespace WalletFlow.Api.Grpc.Ledger;

/// <summary>
/// <c>walletflow.v1.LedgerReads</c>: accounts and transactions read through the ledger port, so either adapter (embedded or
/// Formance) answers. Operators only, like the ledger's REST reads (the bearer policy is attached where it is mapped).
/// </summary>
internal sealed class LedgerReadsService(ILedger ledger) : LedgerReads.LedgerReadsBase
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    public override async Task<Account> GetAccount(GetAccountRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (request.Address.Length == 0)
        {
            throw GrpcErrorMapping.ToRpcException(Error.Validation("An account address is required.", "address"));
        }

        return Answer(await ledger.GetAccountAsync(DefaultLedger.Or(request.Ledger), request.Address, cancellationToken: context.CancellationToken)).ToContract();
    }

    public override async Task<Transaction> GetTransaction(GetTransactionRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return Answer(await ledger.GetTransactionAsync(DefaultLedger.Or(request.Ledger), request.Id, context.CancellationToken)).ToContract();
    }

    public override async Task ListTransactions(ListTransactionsRequest request, IServerStreamWriter<Transaction> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        if (request.PageSize is < 0 or > MaxPageSize)
        {
            throw GrpcErrorMapping.ToRpcException(Error.Validation($"page_size must be between 1 and {MaxPageSize}, or 0 for {DefaultPageSize}.", "page_size"));
        }

        var query = new TransactionQuery
        {
            Account = request.Account.Length == 0 ? null : request.Account,
            Reference = request.Reference.Length == 0 ? null : request.Reference,
            PageSize = request.PageSize == 0 ? DefaultPageSize : request.PageSize,
        };
        while (true)
        {
            var page = Answer(await ledger.ListTransactionsAsync(DefaultLedger.Or(request.Ledger), query, context.CancellationToken));
            foreach (var transaction in page.Items)
            {
                await responseStream.WriteAsync(transaction.ToContract(), context.CancellationToken);
            }

            if (!page.HasMore || page.Next is null)
            {
                return;
            }

            query = query with { Cursor = page.Next };
        }
    }

    private static T Answer<T>(Result<T> result) =>
        result.TryGetValue(out var value, out var error) ? value : throw GrpcErrorMapping.ToRpcException(error);
}
