extern alias client;

using Grpc.Core;
using Grpc.Net.Client;
using client::WalletFlow.Api.Grpc.WalletCore.Contracts;

namespace WalletFlow.Bench.Load;

/// <summary>What one Transfer call ended with: the gRPC status and message, the receipt on success, and whether it was a replay.</summary>
public sealed record GrpcTransferResult(int Status, string? Message, TransferReceipt? Receipt, bool Replayed);

/// <summary>
/// The load generator's client of <c>walletflow.v1.WalletsCommands/Transfer</c>: Grpc.Net.Client's generated
/// <see cref="WalletsCommands.WalletsCommandsClient"/> over one channel (HTTP/2, several connections under load), with
/// the bearer and the idempotency key as metadata. The API's tests link this file to test it (deadlines, replays). It
/// is safe to share across concurrent callers.
/// </summary>
public sealed class GrpcTransferClient : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly WalletsCommands.WalletsCommandsClient _client;
    private readonly string _authorization;

    public GrpcTransferClient(Uri address, string token, HttpMessageHandler? handler = null)
    {
        _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = handler ?? new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
            DisposeHttpClient = true,
        });
        _client = new WalletsCommands.WalletsCommandsClient(_channel);
        _authorization = $"Bearer {token}";
    }

    /// <summary>One transfer under <paramref name="idempotencyKey"/>; <paramref name="timeout"/> becomes the call's deadline.</summary>
    public async Task<GrpcTransferResult> TransferAsync(TransferRequest request, string idempotencyKey, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var metadata = new Metadata { { "authorization", _authorization }, { "idempotency-key", idempotencyKey } };
        using var call = _client.TransferAsync(request, metadata, timeout is { } limit ? DateTime.UtcNow + limit : null, cancellationToken);
        try
        {
            var receipt = await call.ResponseAsync;
            var headers = await call.ResponseHeadersAsync;
            return new GrpcTransferResult(0, null, receipt, headers.GetValue("idempotent-replayed") == "true");
        }
        catch (RpcException failed)
        {
            return new GrpcTransferResult((int)failed.StatusCode, failed.Status.Detail, null, false);
        }
    }

    public void Dispose() => _channel.Dispose();
}
