using Google.Protobuf;
using Google.Protobuf.Reflection;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Api.Grpc;

/// <summary>
/// A method whose messages are known only by their descriptors (the generated wallet-core services, bound to the
/// registry at start-up): the request is parsed with the descriptor's parser, and the handler answers messages of the
/// descriptor's output type.
/// </summary>
internal sealed record DescribedGrpcMethod : GrpcMethod
{
    private readonly Func<IMessage, GrpcCallContext, Task<Result<IMessage>>>? _unary;
    private readonly Func<IMessage, IGrpcResponseStream<IMessage>, GrpcCallContext, Task<Error?>>? _streaming;

    private DescribedGrpcMethod(
        MethodDescriptor descriptor,
        Func<IMessage, GrpcCallContext, Task<Result<IMessage>>>? unary,
        Func<IMessage, IGrpcResponseStream<IMessage>, GrpcCallContext, Task<Error?>>? streaming)
        : base(descriptor)
    {
        _unary = unary;
        _streaming = streaming;
    }

    public static DescribedGrpcMethod Unary(MethodDescriptor descriptor, Func<IMessage, GrpcCallContext, Task<Result<IMessage>>> handler)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return descriptor.IsClientStreaming || descriptor.IsServerStreaming
            ? throw new ArgumentException($"{descriptor.FullName} is not unary.", nameof(descriptor))
            : new DescribedGrpcMethod(descriptor, handler, null);
    }

    public static DescribedGrpcMethod ServerStreaming(MethodDescriptor descriptor, Func<IMessage, IGrpcResponseStream<IMessage>, GrpcCallContext, Task<Error?>> handler)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return descriptor.IsClientStreaming || !descriptor.IsServerStreaming
            ? throw new ArgumentException($"{descriptor.FullName} is not server-streaming.", nameof(descriptor))
            : new DescribedGrpcMethod(descriptor, null, handler);
    }

    public override async Task<GrpcStatus> InvokeAsync(byte[] request, IGrpcResponseStream<IMessage> responses, GrpcCallContext context)
    {
        var message = Descriptor.InputType.Parser.ParseFrom(request);
        if (_streaming is not null)
        {
            return await _streaming(message, new Checked(responses, Descriptor), context) is { } failed ? GrpcErrorMapping.ToStatus(failed) : GrpcStatus.Ok;
        }

        var result = await _unary!(message, context);
        if (!result.TryGetValue(out var response, out var error))
        {
            return GrpcErrorMapping.ToStatus(error);
        }

        await new Checked(responses, Descriptor).WriteAsync(response);
        return GrpcStatus.Ok;
    }

    /// <summary>A handler answering a message of another type would send bytes the caller misreads; it fails the call instead.</summary>
    private sealed class Checked(IGrpcResponseStream<IMessage> responses, MethodDescriptor descriptor) : IGrpcResponseStream<IMessage>
    {
        public Task WriteAsync(IMessage message) =>
            message.Descriptor == descriptor.OutputType
                ? responses.WriteAsync(message)
                : throw new InvalidOperationException($"{descriptor.FullName} answers {descriptor.OutputType.FullName}, not {message.Descriptor.FullName}.");

        public Task StartAsync() => responses.StartAsync();
    }
}
