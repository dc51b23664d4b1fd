using Google.Protobuf;

namespace WalletFlow.Api.Grpc;

/// <summary>Where a handler sends its response messages: one for a unary call, any number for a server-streaming call.</summary>
public interface IGrpcResponseStream<in TMessage>
    where TMessage : IMessage
{
    Task WriteAsync(TMessage message);
}
