using Microsoft.AspNetCore.Routing.Matching;

namespace WalletFlow.Api.Grpc;

/// <summary>
/// Marks an endpoint that answers on the gRPC listener only: <see cref="GrpcPortPolicy"/> drops it from routing when
/// the request came in on another port, so a gRPC method called on the REST port finds no endpoint.
/// </summary>
internal sealed class GrpcPortOnly
{
    public static readonly GrpcPortOnly Instance = new();

    private GrpcPortOnly()
    {
    }
}

/// <summary>
/// Keeps <see cref="GrpcPortOnly"/> endpoints to connections accepted on the gRPC port. The port the connection came in
/// on, not the request's <c>:authority</c>: behind a proxy (Aspire's, a load balancer) the authority names the proxy's
/// port, which a host rule (<c>RequireHost("*:port")</c>) would never match.
/// </summary>
internal sealed class GrpcPortPolicy(GrpcEndpoint grpc) : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.Any(endpoint => endpoint.Metadata.GetMetadata<GrpcPortOnly>() is not null);
    }

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(candidates);
        if (httpContext.Connection.LocalPort == grpc.Url.Port)
        {
            return Task.CompletedTask;
        }

        for (var index = 0; index < candidates.Count; index++)
        {
            if (candidates[index].Endpoint.Metadata.GetMetadata<GrpcPortOnly>() is not null)
            {
                candidates.SetValidity(index, false);
            }
        }

        return Task.CompletedTask;
    }
}
