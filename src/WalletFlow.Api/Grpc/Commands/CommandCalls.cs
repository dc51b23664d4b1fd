using Google.Protobuf;
using Grpc.Core;
using WalletFlow.Access;
using WalletFlow.Api.Grpc.Mapping;
using WalletFlow.Application.Commands;

namespace WalletFlow.Api.Grpc.Commands;

/// <summary>
/// Runs a registry command for a gRPC call: the method's path names the command, the request message maps to the
/// command's request record (<see cref="ProtoMapper"/>), the executor runs it exactly as it does for REST, and the
/// receipt maps to the method's receipt message. The bearer policy already admitted the caller; the key is the
/// <c>idempotency-key</c> metadata (<see cref="IdempotencyKeyInterceptor"/>). A replay answers the first receipt with
/// the response header <c>idempotent-replayed: true</c>.
/// </summary>
public sealed class CommandCalls(CommandExecutor executor)
{
    public const string ReplayedMetadata = "idempotent-replayed";

    public async Task<TReceipt> ExecuteAsync<TReceipt>(IMessage request, ServerCallContext context)
        where TReceipt : IMessage<TReceipt>, new()
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var command = CommandGrpcMethods.CommandAt(context.Method) ?? throw new InvalidOperationException($"{context.Method} serves no registry command.");
        if (!ProtoMapper.ToRecord(request, command.RequestType).TryGetValue(out var record, out var invalid))
        {
            throw GrpcErrorMapping.ToRpcException(invalid);
        }

        var outcome = await executor.ExecuteAsync(command, record, IdempotencyKeyInterceptor.KeyOf(context), context.GetHttpContext().User.ToCaller(), context.CancellationToken);
        if (!outcome.TryGetValue(out var completed, out var error))
        {
            throw GrpcErrorMapping.ToRpcException(error);
        }

        await context.WriteResponseHeadersAsync(new global::Grpc.Core.Metadata { { ReplayedMetadata, completed.Replayed ? "true" : "false" } });
        return ProtoMapper.ToMessage<TReceipt>(completed.Receipt, typeof(CommandReceipt<object>));
    }
}
