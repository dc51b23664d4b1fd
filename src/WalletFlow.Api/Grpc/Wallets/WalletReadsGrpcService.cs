using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using WalletFlow.Api.Access;
using WalletFlow.Api.Grpc.Commands;
using WalletFlow.Access.Credentials;
using WalletFlow.Domain.Errors;
using WalletFlow.Grains.Commands;
using WalletFlow.Grains.Fx;
using WalletFlow.Grains.Wallets;

namespace WalletFlow.Api.Grpc.Wallets;

/// <summary>
/// <c>walletflow.v1.WalletReads</c>: the reads of <see cref="WalletQueries"/> (and the FX quote), mapped through JSON
/// like the commands, behind the same bearer check; and <c>WatchWalletMovements</c>, which polls the wallet's
/// statement and streams each new line.
/// </summary>
internal sealed class WalletReadsGrpcService(WalletQueries queries, FxQueries fx, BearerCredentials credentials, TimeProvider clock) : IGrpcService
{
    /// <summary>How often a movement stream asks the ledger for new lines.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public static ServiceDescriptor Descriptor => WalletCore.Contracts.WalletReadsReflection.Descriptor.Services.Single(service => service.Name == WalletReadMethods.ServiceName);

    public IEnumerable<GrpcMethod> Methods => WalletReadMethods.All.Select(Bind);

    private GrpcMethod Bind(WalletReadMethod read)
    {
        var method = Descriptor.FindMethodByName(read.Name)
            ?? throw new InvalidOperationException($"{read.Name} is not in {CommandProtoWriter.ReadsFile}: regenerate it ({CommandProtoWriter.RegenerateCommand}) and rebuild.");
        if (read.Streaming)
        {
            return read.Name == "WatchWalletMovements"
                ? DescribedGrpcMethod.ServerStreaming(method, (request, responses, context) => WatchAsync(method, request, responses, context))
                : throw new InvalidOperationException($"No handler serves the stream {read.Name}.");
        }

        return DescribedGrpcMethod.Unary(method, async (request, context) =>
        {
            if (!Authenticate(context).TryGetValue(out var caller, out var unauthorized))
            {
                return unauthorized;
            }

            if (!ProtoJson.ToRecord(request, read.Query).TryGetValue(out var query, out var invalid))
            {
                return invalid;
            }

            var answer = await ReadAsync(query, caller, context.CancellationToken);
            return answer.TryGetValue(out var value, out var error) ? Result<IMessage>.Success(ProtoJson.ToMessage(value, read.Result, method.OutputType)) : error;
        });
    }

    private async Task<Result<object>> ReadAsync(object query, Caller caller, CancellationToken cancellationToken) => query switch
    {
        GetWalletQuery get => Box(await queries.GetWalletAsync(get.WalletId, cancellationToken)),
        GetBalancesQuery get => Box(await queries.GetBalancesAsync(get.WalletId, cancellationToken)),
        GetStatementQuery get => Box(await queries.GetStatementAsync(get.WalletId, get.Limit, get.Cursor, cancellationToken)),
        GetTransactionQuery get => Box(await queries.GetTransactionAsync(get.TransactionId, cancellationToken)),
        GetCommandQuery get => Box(await queries.GetCommandAsync(caller, get.IdempotencyKey, cancellationToken)),
        ListHoldsQuery list => Box(await queries.ListHoldsAsync(list.WalletId, list.Status, list.Limit, list.Cursor, cancellationToken)),
        GetHoldQuery get => Box(await queries.GetHoldAsync(get.HoldId, cancellationToken)),
        GetFxQuoteQuery get => Box(await fx.GetQuoteAsync(get.QuoteId, cancellationToken)),
        _ => throw new InvalidOperationException($"No read answers {query.GetType().Name}."),
    };

    /// <summary>
    /// Streams the wallet's new statement lines, oldest first, until the call is cancelled (the caller leaves or the
    /// deadline passes). Each poll reads the statement newest first, and follows older pages only while every line
    /// on a page is new, so a burst longer than a page arrives whole. Ledger ids are drawn before a transaction
    /// commits, so two transactions on different accounts of the wallet (its available balance and a hold) may
    /// become visible out of id order: the stream remembers the last <see cref="WalletQueries.MaxPageSize"/> lines
    /// it sent rather than only the highest id, and delivers a line that appears late under a lower id too.
    /// </summary>
    private async Task<Error?> WatchAsync(MethodDescriptor method, IMessage request, IGrpcResponseStream<IMessage> responses, GrpcCallContext context)
    {
        if (!Authenticate(context).TryGetValue(out _, out var unauthorized))
        {
            return unauthorized;
        }

        if (!ProtoJson.ToRecord(request, typeof(WatchWalletMovementsQuery)).TryGetValue(out var record, out var invalid))
        {
            return invalid;
        }

        var query = (WatchWalletMovementsQuery)record;
        var cancellationToken = context.CancellationToken;
        if (!(await queries.GetStatementAsync(query.WalletId, 1, null, cancellationToken)).TryGetValue(out var latest, out var error))
        {
            return error;
        }

        // Lines at or below the floor are never sent; above it, those already sent are remembered.
        var floor = query.AfterLedgerTransactionId ?? (latest.Items.Count > 0 ? latest.Items[0].LedgerTransactionId : 0);
        var sent = new SortedSet<long>();
        // From here on every movement after the floor is delivered: the headers tell the caller the stream is live.
        await responses.StartAsync();
        while (true)
        {
            var fresh = new List<StatementLine>();
            string? cursor = null;
            do
            {
                if (!(await queries.GetStatementAsync(query.WalletId, WalletQueries.MaxPageSize, cursor, cancellationToken)).TryGetValue(out var page, out var pageError))
                {
                    return pageError;
                }

                var unseen = page.Items.Where(line => line.LedgerTransactionId > floor && !sent.Contains(line.LedgerTransactionId)).ToList();
                fresh.AddRange(unseen);
                cursor = unseen.Count == page.Items.Count ? page.Next : null;
            }
            while (cursor is not null);

            foreach (var line in fresh.OrderBy(line => line.LedgerTransactionId))
            {
                await responses.WriteAsync(ProtoJson.ToMessage(line, typeof(StatementLine), method.OutputType));
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

    private Result<Caller> Authenticate(GrpcCallContext context) => BearerCaller.Authenticate(credentials, context.Metadata(CommandsGrpcService.AuthorizationMetadata), CallerRoles.Operators);

    private static Result<object> Box<T>(Result<T> result)
        where T : notnull => result.TryGetValue(out var value, out var error) ? Result<object>.Success(value) : error;
}
