using Google.Protobuf;
using Google.Protobuf.Reflection;
using WalletFlow.Api.Access;
using WalletFlow.Access.Credentials;
using WalletFlow.Domain.Errors;
using WalletFlow.Grains.Commands;

namespace WalletFlow.Api.Grpc.Commands;

/// <summary>
/// Every registry command as a unary gRPC method (<c>walletflow.v1.{Area}Commands</c>), mapped generically: the
/// request message becomes the command's request record through JSON, the executor runs it exactly as it does for
/// REST, and the receipt becomes the command's receipt message through JSON. The caller is the <c>authorization</c>
/// metadata (the REST bearer check), the key the <c>idempotency-key</c> metadata; a replay answers the first receipt
/// with the response metadata <c>idempotent-replayed: true</c>.
/// </summary>
internal sealed class CommandsGrpcService(CommandExecutor executor, BearerCredentials credentials) : IGrpcService
{
    public const string IdempotencyKeyMetadata = "idempotency-key";
    public const string AuthorizationMetadata = "authorization";
    public const string ReplayedMetadata = "idempotent-replayed";

    public IEnumerable<GrpcMethod> Methods => CommandRegistry.All.Select(command =>
    {
        var method = CommandGrpcMethods.Get(command);
        return DescribedGrpcMethod.Unary(method, (request, context) => ExecuteAsync(command, method.OutputType, request, context));
    });

    private async Task<Result<IMessage>> ExecuteAsync(CommandDescriptor command, MessageDescriptor receipt, IMessage request, GrpcCallContext context)
    {
        if (!BearerCaller.Authenticate(credentials, context.Metadata(AuthorizationMetadata), command.AllowedRoles).TryGetValue(out var caller, out var unauthorized))
        {
            return unauthorized;
        }

        if (!ProtoJson.ToRecord(request, command.RequestType).TryGetValue(out var record, out var invalid))
        {
            return invalid;
        }

        var outcome = await executor.ExecuteAsync(command, record, context.Metadata(IdempotencyKeyMetadata), caller, context.CancellationToken);
        if (!outcome.TryGetValue(out var completed, out var error))
        {
            return error;
        }

        context.SetResponseMetadata(ReplayedMetadata, completed.Replayed ? "true" : "false");
        return Result<IMessage>.Success(ProtoJson.ToMessage(completed.Receipt, completed.Receipt.GetType(), receipt, typeof(CommandReceipt<>).MakeGenericType(command.DataType)));
    }
}
