namespace WalletFlow.Api.Grpc;

/// <summary>A request that breaks the gRPC wire protocol (a truncated or oversized frame, an unsupported compression): the call ends with <see cref="Status"/>.</summary>
public sealed class GrpcProtocolException(GrpcStatusCode code, string message) : Exception(message)
{
    public GrpcStatus Status { get; } = new(code, message);
}
