using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;

namespace WalletFlow.Api.Grpc;

/// <summary>Writes a message to a response body in gRPC's framing (uncompressed flag, big-endian length, message) and flushes it, so a streamed item leaves at once.</summary>
public static class GrpcFrameWriter
{
    public static async Task WriteMessageAsync(PipeWriter body, IMessage message, CancellationToken cancellationToken)
    {
        var length = message.CalculateSize();
        var frame = body.GetSpan(GrpcFrameReader.PrefixSize + length)[..(GrpcFrameReader.PrefixSize + length)];
        frame[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(frame[1..], (uint)length);
        message.WriteTo(frame[GrpcFrameReader.PrefixSize..]);
        body.Advance(GrpcFrameReader.PrefixSize + length);
        await body.FlushAsync(cancellationToken);
    }
}
