using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using WalletFlow.Access.Credentials;
using WalletFlow.Api.Access;
using WalletFlow.Api.Grpc.Commands;
using WalletFlow.Api.Grpc.Contracts;
using WalletFlow.Domain.Errors;
using WalletFlow.Grains.Commands;
using WalletFlow.Ledger;

namespace WalletFlow.Api.Grpc.Ledger;

/// <summary>
/// <c>walletflow.v1.LedgerReads</c>: accounts and transactions read through the ledger port, so either adapter (embedded or
/// Formance) answers. Operators only, like the ledger's REST reads.
/// </summary>
internal sealed class LedgerReadsService(ILedger ledger, BearerCredentials credentials) : IGrpcService
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    public static ServiceDescriptor Descriptor => LedgerReadsReflection.Descriptor.Services.Single();

    public IEnumerable<GrpcMethod> Methods =>
    [
        GrpcMethod.Unary<GetAccountRequest, Account>(Descriptor.FindMethodByName("GetAccount"), GetAccountAsync),
        GrpcMethod.Unary<GetTransactionRequest, Transaction>(Descriptor.FindMethodByName("GetTransaction"), GetTransactionAsync),
        GrpcMethod.ServerStreaming<ListTransactionsRequest, Transaction>(Descriptor.FindMethodByName("ListTransactions"), ListTransactionsAsync),
    ];

    private async Task<Result<Account>> GetAccountAsync(GetAccountRequest request, GrpcCallContext context)
    {
        if (Refusal(context) is { } refused)
        {
            return refused;
        }

        if (request.Address.Length == 0)
        {
            return Error.Validation("An account address is required.", "address");
        }

        var account = await ledger.GetAccountAsync(DefaultLedger.Or(request.Ledger), request.Address, cancellationToken: context.CancellationToken);
        return account.Map(view => view.ToContract());
    }

    private async Task<Result<Transaction>> GetTransactionAsync(GetTransactionRequest request, GrpcCallContext context)
    {
        if (Refusal(context) is { } refused)
        {
            return refused;
        }

        var transaction = await ledger.GetTransactionAsync(DefaultLedger.Or(request.Ledger), request.Id, context.CancellationToken);
        return transaction.Map(found => found.ToContract());
    }

    private async Task<Error?> ListTransactionsAsync(ListTransactionsRequest request, IGrpcResponseStream<Transaction> responses, GrpcCallContext context)
    {
        if (Refusal(context) is { } refused)
        {
            return refused;
        }

        if (request.PageSize is < 0 or > MaxPageSize)
        {
            return Error.Validation($"page_size must be between 1 and {MaxPageSize}, or 0 for {DefaultPageSize}.", "page_size");
        }

        var query = new TransactionQuery
        {
            Account = request.Account.Length == 0 ? null : request.Account,
            Reference = request.Reference.Length == 0 ? null : request.Reference,
            PageSize = request.PageSize == 0 ? DefaultPageSize : request.PageSize,
        };
        while (true)
        {
            var read = await ledger.ListTransactionsAsync(DefaultLedger.Or(request.Ledger), query, context.CancellationToken);
            if (!read.TryGetValue(out var page, out var error))
            {
                return error;
            }

            foreach (var transaction in page.Items)
            {
                await responses.WriteAsync(transaction.ToContract());
            }

            if (!page.HasMore || page.Next is null)
            {
                return null;
            }

            query = query with { Cursor = page.Next };
        }
    }

    private Error? Refusal(GrpcCallContext context) =>
        BearerCaller.Authenticate(credentials, context.Metadata(CommandsGrpcService.AuthorizationMetadata), CallerRoles.Operators).Error;
}
