using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using WalletFlow.Api.Grpc.WalletCore.Contracts;

namespace WalletFlow.Bench.Load;

/// <summary>What one Transfer call ended with: the gRPC status and message, the receipt on success, and whether it was a replay.</summary>
public sealed record GrpcTransferResult(int Status, string? Message, TransferReceipt? Receipt, bool Replayed);

/// <summary>
/// A small, self-contained client of <c>walletflow.v1.WalletsCommands/Transfer</c> over the gRPC wire protocol
/// (HTTP/2 by prior knowledge, no Grpc.Net.Client): the load generator's gRPC mode sends its transfers with it, and
/// the API's tests link this file to test it (deadlines, replays). It depends only on HttpClient, Google.Protobuf and
/// the messages generated from commands.proto; it is safe to share across concurrent callers, which HTTP/2
/// multiplexes over its connections.
/// </summary>
public sealed class GrpcTransferClient : IDisposable
{
    public const string Path = "/walletflow.v1.WalletsCommands/Transfer";

    private readonly HttpClient _http;
    private readonly string _authorization;

    public GrpcTransferClient(Uri address, string token, HttpMessageHandler? handler = null)
    {
        _http = new HttpClient(handler ?? new SocketsHttpHandler { EnableMultipleHttp2Connections = true }) { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
        _authorization = $"Bearer {token}";
    }

    /// <summary>One transfer under <paramref name="idempotencyKey"/>; <paramref name="timeout"/> becomes the call's <c>grpc-timeout</c>.</summary>
    public async Task<GrpcTransferResult> TransferAsync(TransferRequest request, string idempotencyKey, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new byte[5 + request.CalculateSize()];
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(1), (uint)(body.Length - 5));
        request.WriteTo(body.AsSpan(5));
        using var message = new HttpRequestMessage(HttpMethod.Post, Path)
        {
            Content = new ByteArrayContent(body),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        message.Headers.TE.ParseAdd("trailers");
        message.Headers.TryAddWithoutValidation("authorization", _authorization);
        message.Headers.TryAddWithoutValidation("idempotency-key", idempotencyKey);
        if (timeout is { } limit)
        {
            message.Headers.TryAddWithoutValidation("grpc-timeout", $"{Math.Max(1, (long)Math.Ceiling(limit.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture)}m");
        }

        using var response = await _http.SendAsync(message, cancellationToken);
        var reply = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var status = Header(response, "grpc-status") is { } code ? int.Parse(code, CultureInfo.InvariantCulture) : (int?)null;
        if (status is null)
        {
            // Not a gRPC answer (a proxy's error page, an HTTP/1.1 endpoint): gRPC's own convention makes it UNKNOWN.
            return new GrpcTransferResult(2, $"HTTP {(int)response.StatusCode} without grpc-status", null, false);
        }

        var text = Header(response, "grpc-message") is { } encoded ? Uri.UnescapeDataString(encoded) : null;
        var receipt = status == 0 && reply.Length >= 5 ? TransferReceipt.Parser.ParseFrom(reply.AsSpan(5, (int)BinaryPrimitives.ReadUInt32BigEndian(reply.AsSpan(1)))) : null;
        var replayed = response.Headers.TryGetValues("idempotent-replayed", out var values) && values.Contains("true");
        return new GrpcTransferResult(status.Value, text, receipt, replayed);
    }

    public void Dispose() => _http.Dispose();

    private static string? Header(HttpResponseMessage response, string name) =>
        response.TrailingHeaders.TryGetValues(name, out var trailer) ? trailer.FirstOrDefault()
        : response.Headers.TryGetValues(name, out var header) ? header.FirstOrDefault()
        : null;
}
