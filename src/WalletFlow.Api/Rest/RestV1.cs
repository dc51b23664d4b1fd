namespace WalletFlow.Api.Rest;

/// <summary>The partner and operator REST API under <c>/v1</c>: the registry's commands and the reads, all behind the bearer check.</summary>
public static class RestV1
{
    public const string Prefix = "/v1";

    public static IEndpointRouteBuilder MapRestV1(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Prefix).AddEndpointFilter(RestCaller.Authenticate);
        group.MapCommands();
        group.MapReads();
        return endpoints;
    }
}
