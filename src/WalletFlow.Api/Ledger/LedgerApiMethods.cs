using Microsoft.AspNetCore.Routing.Template;

namespace WalletFlow.Api.Ledger;

/// <summary>
/// The surface's routes and the methods each takes, read once from the host's endpoints, so that a served path asked
/// with another method answers 405 rather than the unserved route's 404.
/// </summary>
internal sealed class LedgerApiMethods(IReadOnlyList<(TemplateMatcher Path, IReadOnlyList<string> Methods)> routes)
{
    public static LedgerApiMethods Read(EndpointDataSource endpoints) => new(endpoints.Endpoints
        .OfType<RouteEndpoint>()
        .Where(endpoint => endpoint.RoutePattern.RawText?.StartsWith(FormanceLedgerApi.Prefix, StringComparison.Ordinal) == true)
        .Select(endpoint => (Endpoint: endpoint, Methods: endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []))
        .Where(route => route.Methods.Count > 0)
        .Select(route => (new TemplateMatcher(new RouteTemplate(route.Endpoint.RoutePattern), []), route.Methods))
        .ToList());

    /// <summary>The methods served on <paramref name="path"/>, none when the surface does not serve the path at all.</summary>
    public IReadOnlyList<string> On(PathString path) => routes
        .Where(route => route.Path.TryMatch(path, []))
        .SelectMany(route => route.Methods)
        .Distinct(StringComparer.OrdinalIgnoreCase)
        .ToList();
}
