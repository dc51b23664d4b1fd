using WalletFlow.Api.Rest.OpenApi;

namespace WalletFlow.Api.Rest;

/// <summary>
/// The partner and operator REST API under <c>/v1</c>: the registry's commands and the reads. Bearer only (never the
/// console's cookie or open mode); each command admits the roles its registry entry names, each read the operators
/// (and partner keys, the wallet reads).
/// </summary>
public static class RestV1
{
    public const string Prefix = "/v1";

    /// <summary>
    /// The public contract (the OpenAPI document, described field by field, for the API's routes but not the
    /// console's private form posts) and the answer to a database that cannot be reached (503, anywhere in the API).
    /// </summary>
    public static IServiceCollection AddRestV1(this IServiceCollection services)
    {
        services.AddExceptionHandler<UnavailableExceptionHandler>();
        services.AddOpenApi(options =>
        {
            var included = options.ShouldInclude;
            options.ShouldInclude = description => included(description) && description.RelativePath?.StartsWith("ops/", StringComparison.Ordinal) != true;
            options.AddDocumentTransformer<BearerSecurity>();
            options.AddDocumentTransformer<ProblemSchema>();
            options.AddDocumentTransformer<FieldSchemas>();
            options.AddOperationTransformer<BearerSecurity>();
            options.AddOperationTransformer<ParameterDocs>();
            options.AddSchemaTransformer<FieldSchemas>();
        });
        return services;
    }

    public static IEndpointRouteBuilder MapRestV1(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Prefix);
        group.MapCommands();
        group.MapReads();
        return endpoints;
    }
}
