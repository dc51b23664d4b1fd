using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using WalletFlow.Application.Commands;

namespace WalletFlow.Api.Rest.OpenApi;

/// <summary>Every path and query parameter described: the command fields' sentences, and the ledger surface's own names.</summary>
internal sealed class ParameterDocs : IOpenApiOperationTransformer
{
    private static readonly Dictionary<string, string> LedgerSurface = new(StringComparer.Ordinal)
    {
        ["ledger"] = "The ledger's name (WalletFlow posts to main unless WALLETFLOW_LEDGER says otherwise).",
        ["id"] = "The ledger transaction's id.",
        ["address"] = "A ledger account address; as a filter, an empty segment matches any one segment and a trailing ':' everything below.",
        ["key"] = "The metadata key.",
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            parameter.Description ??= FieldDocs.Describe(parameter.Name!) ?? LedgerSurface.GetValueOrDefault(parameter.Name!);
        }

        return Task.CompletedTask;
    }
}
