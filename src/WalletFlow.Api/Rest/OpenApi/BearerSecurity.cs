using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace WalletFlow.Api.Rest.OpenApi;

/// <summary>
/// The bearer scheme, declared once and required by every operation except the ones that allow anonymous callers
/// (<c>/health</c>, the document itself): read from each endpoint's own authorization metadata, so the document says
/// what the server enforces. A route that declares no rule meets the deny-by-default fallback, which no credential
/// passes; it is still marked as needing one, since anonymous calls certainly fail.
/// </summary>
internal sealed class BearerSecurity : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string SchemeId = "bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeId] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An operator's token (AUTH_TOKEN) as \"Authorization: Bearer <token>\". A missing or wrong token is answered 401 UNAUTHORIZED; a role the operation does not admit, 403 FORBIDDEN.",
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeId, context.Document)] = [] }];
        }

        return Task.CompletedTask;
    }
}
