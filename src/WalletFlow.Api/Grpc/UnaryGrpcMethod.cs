using Google.Protobuf;
using Google.Protobuf.Reflection;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Api.Grpc;

/// <summary>A method answering one request with one response message, or with an error status and none.</summary>
internal sealed record UnaryGrpcMethod<TRequest, TResponse>(MethodDescriptor Descriptor, Func<TRequest, GrpcCallContext, Task<Result<TResponse>>> Handler) : GrpcMethod(Descriptor)
    where TRequest : IMessage<TRequest>, new()
    where TResponse : IMessage<TResponse>
{
    public override async Task<GrpcStatus> InvokeAsync(byte[] request, IGrpcResponseStream<IMessage> responses, GrpcCallContext context)
    {
        var result = await Handler(Parse<TRequest>(request), context);
        if (!result.TryGetValue(out var response, out var error))
        {
            return GrpcErrorMapping.ToStatus(error);
        }

        await responses.WriteAsync(response);
        return GrpcStatus.Ok;
    }
}
