using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace WalletFlow.Tests.Grpc;

/// <summary>
/// Calls any method of the API by its path with Grpc.Net.Client, its messages as bytes: the table-driven tests (every
/// registry command, every method of every service descriptor) need no generated class per method. A unary method is
/// called as a server stream of one message, which is the same exchange on the wire. <paramref name="bearer"/>, when
/// given, is sent on calls whose metadata names no <c>authorization</c> of its own; a <c>grpc-timeout</c> entry
/// (<c>100m</c>, <c>5S</c>) becomes the call's deadline.
/// </summary>
internal sealed class GrpcCaller(Uri address, string? bearer = null, HttpMessageHandler? handler = null) : IDisposable
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(bytes => bytes, bytes => bytes);

    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler ?? new SocketsHttpHandler(), DisposeHttpClient = true });

    public GrpcChannel Channel => _channel;

    /// <remarks><paramref name="afterHeaders"/> runs once the response headers arrived, before the messages are read: what a test does while a stream is live.</remarks>
    public async Task<GrpcReply> CallAsync(string path, IMessage request, IReadOnlyDictionary<string, string>? metadata = null, Func<Task>? afterHeaders = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(request);
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var method = new Method<byte[], byte[]>(MethodType.ServerStreaming, parts[0], parts[1], Bytes, Bytes);
        var headers = new Metadata();
        DateTime? deadline = null;
        foreach (var (name, value) in metadata ?? new Dictionary<string, string>())
        {
            if (name == "grpc-timeout")
            {
                deadline = DateTime.UtcNow + Timeout(value);
            }
            else
            {
                headers.Add(name, value);
            }
        }

        if (bearer is not null && headers.Get("authorization") is null)
        {
            headers.Add("authorization", $"Bearer {bearer}");
        }

        using var call = _channel.CreateCallInvoker().AsyncServerStreamingCall(method, null, new CallOptions(headers, deadline), request.ToByteArray());
        var messages = new List<byte[]>();
        var responseHeaders = new Dictionary<string, string>();
        try
        {
            foreach (var entry in await call.ResponseHeadersAsync)
            {
                if (!entry.IsBinary)
                {
                    responseHeaders[entry.Key] = entry.Value;
                }
            }

            if (afterHeaders is not null)
            {
                await afterHeaders();
            }

            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
                messages.Add(call.ResponseStream.Current);
            }

            return new GrpcReply(0, call.GetStatus().Detail, messages) { Headers = responseHeaders, Trailers = Text(call.GetTrailers()) };
        }
        catch (RpcException failed)
        {
            return new GrpcReply((int)failed.StatusCode, failed.Status.Detail, messages)
            {
                Headers = responseHeaders,
                Trailers = Text(failed.Trailers),
                Details = failed.GetRpcStatus(),
            };
        }
    }

    public void Dispose() => _channel.Dispose();

    private static Dictionary<string, string> Text(Metadata metadata) =>
        metadata.Where(entry => !entry.IsBinary).GroupBy(entry => entry.Key).ToDictionary(group => group.Key, group => group.First().Value);

    /// <summary>A <c>grpc-timeout</c> value: an integer and a unit (H, M, S, m, u, n).</summary>
    private static TimeSpan Timeout(string value)
    {
        var amount = long.Parse(value[..^1], CultureInfo.InvariantCulture);
        return value[^1] switch
        {
            'H' => TimeSpan.FromHours(amount),
            'M' => TimeSpan.FromMinutes(amount),
            'S' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMilliseconds(amount),
            'u' => TimeSpan.FromMicroseconds(amount),
            _ => TimeSpan.FromTicks(amount / 100),
        };
    }
}
