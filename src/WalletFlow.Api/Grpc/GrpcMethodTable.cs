namespace WalletFlow.Api.Grpc;

/// <summary>The routing table: request path (<c>/package.Service/Method</c>) to method, over every registered service.</summary>
internal sealed class GrpcMethodTable(IEnumerable<IGrpcService> services)
{
    private readonly Dictionary<string, GrpcMethod> _methods = services.SelectMany(service => service.Methods).ToDictionary(method => method.Path, StringComparer.Ordinal);

    public GrpcMethod? Find(string path) => _methods.GetValueOrDefault(path);
}
