using Google.Protobuf;
using Google.Protobuf.Reflection;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Api.Grpc;

/// <summary>A method answering one request with any number of messages, then a status.</summary>
internal sealed record ServerStreamingGrpcMethod<TRequest, TResponse>(
    MethodDescriptor Descriptor,
    Func<TRequest, IGrpcResponseStream<TResponse>, GrpcCallContext, Task<Error?>> Handler) : GrpcMethod(Descriptor)
    where TRequest : IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>
{
    public override async Task<GrpcStatus> InvokeAsync(byte[] request, IGrpcResponseStream<IMessage> responses, GrpcCallContext context) =>
        await Handler(Parse<TRequest>(request), responses, context) is { } error ? GrpcErrorMapping.ToStatus(error) : GrpcStatus.Ok;
}
