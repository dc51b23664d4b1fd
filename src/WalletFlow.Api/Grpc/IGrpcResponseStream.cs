using Google.Protobuf;

namespace WalletFlow.Api.Grpc;

/// <summary>Where a handler sends its response messages: one for a unary call, any number for a server-streaming call.</summary>
public interface IGrpcResponseStream<in TMessage>
    where TMessage : IMessage
{
    Task WriteAsync(TMessage message);

    /// <summary>
    /// Sends the response headers now, before any message: a stream that has set itself up says so, and a client can
    /// wait for that instead of guessing (the headers otherwise leave with the first message).
    /// </summary>
    Task StartAsync();
}
