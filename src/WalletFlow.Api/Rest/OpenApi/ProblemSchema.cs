using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Api.Rest.OpenApi;

/// <summary>
/// The one shape of every error the API answers (RFC 9457 problem+json) as it really is: the standard members plus
/// WalletFlow's <c>code</c>, <c>field</c>, <c>errors</c>, <c>scope</c> and <c>traceId</c>, each described.
/// </summary>
internal sealed class ProblemSchema : IOpenApiDocumentTransformer
{
    public const string Name = "ProblemDetails";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Components?.Schemas is not { } schemas || !schemas.ContainsKey(Name))
        {
            return Task.CompletedTask;
        }

        schemas[Name] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "An error (RFC 9457): what was wrong and what to do, with WalletFlow's stable code and the field at fault.",
            Required = new HashSet<string>(StringComparer.Ordinal) { "title", "status", "code", "traceId" },
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["type"] = Text("A URI naming the HTTP status's kind of problem.", nullable: true),
                ["title"] = Text("A short summary of the status (Invalid request, Conflict, Rejected, ...).", nullable: false),
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status code." },
                ["detail"] = Text("A sentence for a person: what was wrong and what to do about it.", nullable: true),
                ["instance"] = Text("The path of the request that failed.", nullable: true),
                ["code"] = Text("WalletFlow's stable code for the error (VALIDATION, INSUFFICIENT_FUNDS, UNAVAILABLE, ...): branch on this, never on the detail's wording.", nullable: false),
                ["field"] = Text("The request field at fault, when one is (walletId, amount, ...).", nullable: true),
                ["scope"] = Text("For FLAG_DENIED: the feature-flag scope that denied the command (merchant:acme, currency:USD, ...).", nullable: true),
                ["traceId"] = Text("The trace id of the request, for support.", nullable: false),
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Description = "Every field error when there are several; the first is also the problem's own code, field and detail.",
                    Items = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string>(StringComparer.Ordinal) { "code", "message" },
                        Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
                        {
                            ["code"] = Text("The field error's code.", nullable: false),
                            ["field"] = Text("The field at fault.", nullable: true),
                            ["message"] = Text("What is wrong with it, as a sentence.", nullable: false),
                        },
                    },
                },
            },
            Examples =
            [
                new JsonObject
                {
                    ["type"] = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
                    ["title"] = "Invalid request",
                    ["status"] = 400,
                    ["detail"] = "The amount must be text (a JSON string), not a number.",
                    ["instance"] = "/v1/payins",
                    ["code"] = ErrorCodes.Validation,
                    ["field"] = "amount",
                    ["traceId"] = "4bf92f3577b34da6a3ce929d0e0e4736",
                },
            ],
        };
        return Task.CompletedTask;
    }

    private static OpenApiSchema Text(string description, bool nullable) =>
        new() { Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String, Description = description };
}
