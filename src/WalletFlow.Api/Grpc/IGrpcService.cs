namespace WalletFlow.Api.Grpc;

/// <summary>A gRPC service of the front, as the methods it adds to the routing table.</summary>
public interface IGrpcService
{
    IEnumerable<GrpcMethod> Methods { get; }
}
