using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace WalletFlow.Tests.Grpc;

/// <summary>
/// A bare gRPC client over HttpClient (HTTP/2 prior knowledge, <c>TE: trailers</c>): it sends raw frames, so a test
/// can also send what a real client never would, and reads the status wherever the server put it (trailers, or the
/// headers of a trailers-only reply). <paramref name="bearer"/>, when given, is sent on calls whose metadata names no
/// <c>authorization</c> of its own.
/// </summary>
internal sealed class GrpcWireClient(Uri address, string? bearer = null) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };

    public static byte[] Frame(IMessage message)
    {
        var body = message.ToByteArray();
        var frame = new byte[5 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)body.Length);
        body.CopyTo(frame, 5);
        return frame;
    }

    /// <remarks><paramref name="afterHeaders"/> runs once the response headers arrived, before the body is read: what a test does while a stream is live.</remarks>
    public Task<GrpcReply> CallAsync(string path, IMessage request, IReadOnlyDictionary<string, string>? metadata = null, Func<Task>? afterHeaders = null) =>
        SendAsync(path, Frame(request), metadata, afterHeaders: afterHeaders);

    public async Task<GrpcReply> SendAsync(string path, byte[] body, IReadOnlyDictionary<string, string>? metadata = null, string contentType = "application/grpc", Func<Task>? afterHeaders = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new ByteArrayContent(body),
            // Cleartext HTTP/2 by prior knowledge: exactly 2.0, or HttpClient would fall back to HTTP/1.1.
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TE.ParseAdd("trailers");
        var all = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>());
        if (bearer is not null)
        {
            all.TryAdd("authorization", $"Bearer {bearer}");
        }

        foreach (var (key, value) in all)
        {
            request.Headers.TryAddWithoutValidation(key, value);
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (afterHeaders is not null)
        {
            await afterHeaders();
        }

        var replyBody = await response.Content.ReadAsByteArrayAsync();
        var status = Header(response, "grpc-status");
        var message = Header(response, "grpc-message");
        return new GrpcReply(
            response.StatusCode,
            response.Content.Headers.ContentType?.MediaType,
            status is null ? null : int.Parse(status, System.Globalization.CultureInfo.InvariantCulture),
            message is null ? null : Uri.UnescapeDataString(message),
            Unframe(replyBody),
            response.TrailingHeaders.Contains("grpc-status"))
        {
            Headers = response.Headers.ToDictionary(header => header.Key, header => string.Join(',', header.Value), StringComparer.OrdinalIgnoreCase),
        };
    }

    public void Dispose() => _http.Dispose();

    private static string? Header(HttpResponseMessage response, string name) =>
        response.TrailingHeaders.TryGetValues(name, out var trailer) ? trailer.Single()
        : response.Headers.TryGetValues(name, out var header) ? header.Single()
        : null;

    private static List<byte[]> Unframe(byte[] body)
    {
        var messages = new List<byte[]>();
        for (var offset = 0; offset < body.Length;)
        {
            Assert.Equal(0, body[offset]);
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(offset + 1));
            messages.Add(body.AsSpan(offset + 5, length).ToArray());
            offset += 5 + length;
        }

        return messages;
    }
}
