using WalletFlow.Access;

namespace WalletFlow.Api.Rest;

/// <summary>
/// The partner and operator REST API under <c>/v1</c>: the registry's commands and the reads. Bearer only (never the
/// console's cookie or open mode); each command admits the roles its registry entry names, each read the operators.
/// </summary>
public static class RestV1
{
    public const string Prefix = "/v1";

    public static IEndpointRouteBuilder MapRestV1(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Prefix);
        group.MapCommands();
        group.MapReads().RequireAuthorization(AccessPolicies.ApiOperator);
        return endpoints;
    }
}
