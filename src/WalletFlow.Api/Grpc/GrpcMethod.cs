using Google.Protobuf;
using Google.Protobuf.Reflection;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Api.Grpc;

/// <summary>
/// One method of a service, reachable at <see cref="Path"/> (<c>/package.Service/Method</c>, taken from the .proto
/// descriptor so a route cannot drift from the contract). Handlers return WalletFlow errors as values; the method
/// turns them into gRPC statuses.
/// </summary>
public abstract record GrpcMethod(MethodDescriptor Descriptor)
{
    public string Path { get; } = $"/{Descriptor.Service.FullName}/{Descriptor.Name}";

    public static GrpcMethod Unary<TRequest, TResponse>(MethodDescriptor descriptor, Func<TRequest, GrpcCallContext, Task<Result<TResponse>>> handler)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : IMessage<TResponse> =>
        descriptor.IsClientStreaming || descriptor.IsServerStreaming
            ? throw new ArgumentException($"{descriptor.FullName} is not unary.", nameof(descriptor))
            : new UnaryGrpcMethod<TRequest, TResponse>(Matching<TRequest, TResponse>(descriptor), handler);

    public static GrpcMethod ServerStreaming<TRequest, TResponse>(MethodDescriptor descriptor, Func<TRequest, IGrpcResponseStream<TResponse>, GrpcCallContext, Task<Error?>> handler)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse> =>
        descriptor.IsClientStreaming || !descriptor.IsServerStreaming
            ? throw new ArgumentException($"{descriptor.FullName} is not server-streaming.", nameof(descriptor))
            : new ServerStreamingGrpcMethod<TRequest, TResponse>(Matching<TRequest, TResponse>(descriptor), handler);

    /// <summary>Runs the handler on the request message's bytes and says how the call ended.</summary>
    public abstract Task<GrpcStatus> InvokeAsync(byte[] request, IGrpcResponseStream<IMessage> responses, GrpcCallContext context);

    /// <summary>A handler wired to the wrong messages would misread every request silently; it fails at start-up instead.</summary>
    private static MethodDescriptor Matching<TRequest, TResponse>(MethodDescriptor descriptor) =>
        descriptor.InputType.ClrType == typeof(TRequest) && descriptor.OutputType.ClrType == typeof(TResponse)
            ? descriptor
            : throw new ArgumentException($"{descriptor.FullName} takes {descriptor.InputType.FullName} and returns {descriptor.OutputType.FullName}.", nameof(descriptor));

    protected static TRequest Parse<TRequest>(byte[] request)
        where TRequest : IMessage<TRequest>, new() =>
        new MessageParser<TRequest>(() => new TRequest()).ParseFrom(request);
}
