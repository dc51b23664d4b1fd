using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;

namespace WalletFlow.Api.Grpc;

/// <summary>
/// Reads length-prefixed messages from a request body: one byte compressed flag, four bytes big-endian length, then
/// the message. WalletFlow accepts no compression (it advertises none in <c>grpc-accept-encoding</c>), so a frame
/// flagged compressed is refused; a frame longer than <see cref="MaxMessageSize"/> is refused before it is buffered.
/// </summary>
public static class GrpcFrameReader
{
    public const int PrefixSize = 5;

    /// <summary>gRPC's customary default limit for a received message.</summary>
    public const int MaxMessageSize = 4 * 1024 * 1024;

    /// <summary>The next message, or null when the body ended cleanly between messages.</summary>
    public static async Task<byte[]?> ReadMessageAsync(PipeReader body, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await body.ReadAsync(cancellationToken);
            var buffer = read.Buffer;
            if (TryReadFrame(ref buffer, out var message))
            {
                body.AdvanceTo(buffer.Start);
                return message;
            }

            if (read.IsCompleted)
            {
                body.AdvanceTo(buffer.End);
                return buffer.IsEmpty ? null : throw new GrpcProtocolException(GrpcStatusCode.Internal, "Incomplete message: the request ended inside a frame.");
            }

            body.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out byte[]? message)
    {
        message = null;
        if (buffer.Length < PrefixSize)
        {
            return false;
        }

        Span<byte> prefix = stackalloc byte[PrefixSize];
        buffer.Slice(0, PrefixSize).CopyTo(prefix);
        var compressed = prefix[0];
        var length = BinaryPrimitives.ReadUInt32BigEndian(prefix[1..]);
        if (compressed == 1)
        {
            throw new GrpcProtocolException(GrpcStatusCode.Internal, "A compressed message arrived, but no grpc-encoding is accepted (identity only).");
        }

        if (compressed != 0)
        {
            throw new GrpcProtocolException(GrpcStatusCode.Internal, $"Invalid compressed flag {compressed} in a message frame.");
        }

        if (length > MaxMessageSize)
        {
            throw new GrpcProtocolException(GrpcStatusCode.ResourceExhausted, $"Received message larger than max ({length} vs. {MaxMessageSize}).");
        }

        if (buffer.Length < PrefixSize + length)
        {
            return false;
        }

        message = buffer.Slice(PrefixSize, length).ToArray();
        buffer = buffer.Slice(PrefixSize + length);
        return true;
    }
}
