using Google.Protobuf;

namespace WalletFlow.Api.Grpc;

/// <summary>
/// Writes framed messages to the HTTP/2 response, sending the response headers before the first one. A write after
/// the call was cancelled (deadline or caller gone) throws, so no message leaves once the deadline has passed.
/// </summary>
internal sealed class GrpcResponseStream(HttpResponse response, CancellationToken cancellationToken) : IGrpcResponseStream<IMessage>
{
    public async Task WriteAsync(IMessage message)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!response.HasStarted)
        {
            GrpcResponseHeaders.Apply(response);
        }

        await GrpcFrameWriter.WriteMessageAsync(response.BodyWriter, message, cancellationToken);
    }

    public async Task StartAsync()
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!response.HasStarted)
        {
            GrpcResponseHeaders.Apply(response);
            await response.StartAsync(cancellationToken);
            // Kestrel keeps HTTP/2 headers until the body is flushed: an empty flush sends them.
            await response.BodyWriter.FlushAsync(cancellationToken);
        }
    }
}
