using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Grpc.Health.V1;
using WalletFlow.Domain.Errors;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace WalletFlow.Api.Grpc.Health;

/// <summary>
/// The standard <c>grpc.health.v1.Health</c> service: SERVING for the server as a whole (empty name) and for every
/// service it runs. Whether the database answers is the REST <c>/health/db</c>'s concern; a gRPC probe asks whether
/// the gRPC front is up, which is what a load balancer routes on.
/// </summary>
internal sealed class HealthService(GrpcServiceNames services) : IGrpcService
{
    public static ServiceDescriptor Descriptor => HealthReflection.Descriptor.Services.Single();

    public IEnumerable<GrpcMethod> Methods =>
    [
        GrpcMethod.Unary<HealthCheckRequest, HealthCheckResponse>(Descriptor.FindMethodByName("Check"), CheckAsync),
        GrpcMethod.ServerStreaming<HealthCheckRequest, HealthCheckResponse>(Descriptor.FindMethodByName("Watch"), WatchAsync),
    ];

    private Task<Result<HealthCheckResponse>> CheckAsync(HealthCheckRequest request, GrpcCallContext context) =>
        Task.FromResult(Knows(request.Service)
            ? Result<HealthCheckResponse>.Success(new HealthCheckResponse { Status = ServingStatus.Serving })
            : Error.NotFound($"Service '{request.Service}' is not served here."));

    /// <summary>The status never changes while the process runs, so Watch sends it once and holds the stream open until the caller leaves, as the protocol asks.</summary>
    private async Task<Error?> WatchAsync(HealthCheckRequest request, IGrpcResponseStream<HealthCheckResponse> responses, GrpcCallContext context)
    {
        await responses.WriteAsync(new HealthCheckResponse { Status = Knows(request.Service) ? ServingStatus.Serving : ServingStatus.ServiceUnknown });
        await Task.Delay(Timeout.Infinite, context.CancellationToken);
        return null;
    }

    private bool Knows(string service) => service.Length == 0 || services.Names.Contains(service);
}
