using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using WalletFlow.Application.Commands;

namespace WalletFlow.Api.Rest.OpenApi;

/// <summary>
/// Makes every schema say what the API really does:
/// <list type="bullet">
/// <item>every field described, from the sentences the gRPC contract uses too (<see cref="FieldDocs"/>);</item>
/// <item>closed sets as enums, in the snake_case the wire carries (enum types, and text fields marked with <see cref="ChoiceAttribute"/>);</item>
/// <item>a command's request: required exactly when the handler requires it (<see cref="OptionalFieldAttribute"/>), never
/// nullable then, text lengths from the edge's rules, unknown fields refused (no additional properties); a field the
/// route carries is optional in the body;</item>
/// <item>numbers as numbers: the serializer writes them as numbers, whatever it would accept when reading.</item>
/// </list>
/// Fields whose schema is another component's are described once the document holds its references (a schema
/// transformer sees them before they become references): and a receipt's data, which is always there, is not nullable.
/// </summary>
internal sealed class FieldSchemas : IOpenApiSchemaTransformer, IOpenApiDocumentTransformer
{
    /// <summary>Each command request type and the fields its route carries (a hold's settle: holdId).</summary>
    private static readonly Dictionary<Type, HashSet<string>> Requests = CommandRegistry.All
        .GroupBy(command => command.RequestType)
        .ToDictionary(group => group.Key, group => RouteFields(group.First().Route));

    /// <summary>Fields of the operational answers (health), whose names mean something else there than in a command.</summary>
    private static readonly Dictionary<(string Type, string Field), (string Sentence, string[]? Choices)> Operational = new()
    {
        [("ServiceHealth", "status")] = ("The service answers healthy while it runs.", ["healthy"]),
        [("ServiceHealth", "service")] = ("The service's name.", null),
        [("ServiceHealth", "uptimeSeconds")] = ("Seconds since the service started.", null),
        [("DatabaseFigures", "status")] = ("Whether the database answers and the pool has room.", ["healthy", "unhealthy"]),
        [("DatabaseFigures", "pool")] = ("The connection pool's figures.", null),
        [("DatabaseFigures", "probeLatencyMs")] = ("How long a select 1 took, in milliseconds; absent when it did not answer.", null),
        [("PoolFigures", "total")] = ("Open connections.", null),
        [("PoolFigures", "idle")] = ("Open connections not in use.", null),
        [("PoolFigures", "busy")] = ("Connections in use.", null),
        [("PoolFigures", "waiting")] = ("Requests waiting for a connection.", null),
        [("PoolFigures", "max")] = ("The most connections the pool opens.", null),
        [("PoolFigures", "utilization")] = ("Busy connections over the maximum, from 0 to 1.", null),
    };

    private const string RoutedNote = " The path carries it: leave it out of the body, or send the same value.";

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        var type = context.JsonTypeInfo.Type;
        if (type.IsEnum)
        {
            schema.Type = JsonSchemaType.String;
            schema.Format = null;
            schema.Pattern = null;
            schema.Enum = [.. Enum.GetNames(type).Select(name => (JsonNode)JsonValue.Create(RequestValidator.ToSnakeCase(name)))];
        }
        else if (schema.Properties is { Count: > 0 })
        {
            DescribeFields(schema, context.JsonTypeInfo);
            if (Requests.TryGetValue(type, out var routed))
            {
                MarkRequest(schema, type, routed);
            }
        }

        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var (name, component) in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (component is not OpenApiSchema { Properties: { } properties })
            {
                continue;
            }

            foreach (var (field, property) in properties.ToList())
            {
                var sentence = Operational.TryGetValue((name, field), out var own) ? own.Sentence : FieldDocs.Describe(field);
                if (property is OpenApiSchemaReference reference && string.IsNullOrEmpty(reference.Reference.Description))
                {
                    reference.Description = sentence;
                }
                else if (property is OpenApiSchema { OneOf: [OpenApiSchema { Type: JsonSchemaType.Null }, OpenApiSchemaReference data] } && name.StartsWith("CommandReceiptOf", StringComparison.Ordinal))
                {
                    properties[field] = new OpenApiSchemaReference(data.Reference.Id!, document) { Description = sentence };
                }
                else if (property is OpenApiSchema inline)
                {
                    inline.Description ??= sentence;
                }
            }
        }

        return Task.CompletedTask;
    }

    private static void DescribeFields(OpenApiSchema schema, JsonTypeInfo typeInfo)
    {
        foreach (var info in typeInfo.Properties)
        {
            if (!schema.Properties!.TryGetValue(info.Name, out var property))
            {
                continue;
            }

            var member = info.AttributeProvider as PropertyInfo;
            var (sentence, choices) = Operational.TryGetValue((typeInfo.Type.Name, info.Name), out var own)
                ? own
                : (FieldDocs.Describe(info.Name), member?.GetCustomAttribute<ChoiceAttribute>()?.Values.ToArray());
            switch (property)
            {
                case OpenApiSchemaReference reference:
                    reference.Description ??= sentence;
                    break;
                case OpenApiSchema inline:
                    inline.Description ??= sentence;
                    if (choices is not null)
                    {
                        inline.Enum = [.. choices.Select(choice => (JsonNode)JsonValue.Create(choice))];
                    }

                    NumbersAreNumbers(inline);
                    break;
            }
        }
    }

    private static void MarkRequest(OpenApiSchema schema, Type requestType, HashSet<string> routed)
    {
        schema.AdditionalPropertiesAllowed = false;
        schema.Required = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in RequestField.Of(requestType))
        {
            if (!schema.Properties!.TryGetValue(field.Name, out var found) || found is not OpenApiSchema property)
            {
                continue;
            }

            var required = !field.IsOptional && !routed.Contains(field.Name);
            if (required)
            {
                schema.Required.Add(field.Name);
                property.Type &= ~JsonSchemaType.Null;
            }
            else
            {
                property.Type |= JsonSchemaType.Null;
                property.Enum?.Add(null!);
            }

            if (!field.IsSwitch)
            {
                property.MaxLength = RequestText.MaxLength(field.Name);
            }

            if (routed.Contains(field.Name) && property.Description?.EndsWith(RoutedNote, StringComparison.Ordinal) != true)
            {
                property.Description += RoutedNote;
            }
        }
    }

    /// <summary>The web defaults read numbers from strings too; the document describes what the API writes: numbers.</summary>
    private static void NumbersAreNumbers(OpenApiSchema schema)
    {
        if (schema.Type is { } type && (type & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0 && (type & JsonSchemaType.String) != 0)
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
    }

    private static HashSet<string> RouteFields(string route) =>
        new(route.Split('/').Where(segment => segment.StartsWith('{') && segment.EndsWith('}')).Select(segment => segment[1..^1]), StringComparer.Ordinal);
}
