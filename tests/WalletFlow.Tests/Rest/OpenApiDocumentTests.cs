using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Rest;

/// <summary>
/// The OpenAPI document the API serves is complete and tells the truth: every /v1 route, its schemas, the idempotency
/// header and every error; the bearer scheme where the server requires it; a sentence for every field and parameter;
/// enums for closed sets; required and nullable as the handlers check them; an example request per command.
/// </summary>
public sealed class OpenApiDocumentTests(ServedOpenApiDocument served) : IClassFixture<ServedOpenApiDocument>
{
    private readonly WalletCoreHost _host = served.Host;
    private readonly JsonElement _document = served.Document;

    private JsonElement Schemas => _document.GetProperty("components").GetProperty("schemas");

    public static TheoryData<string> Commands() => [.. CommandRegistry.All.Select(command => command.Name)];

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_command_is_documented_with_its_body_receipt_idempotency_header_and_errors(string name)
    {
        var command = CommandRegistry.Find(name)!;
        var operation = _document.GetProperty("paths").GetProperty("/v1" + command.Route).GetProperty("post");

        Assert.Equal(command.Name, operation.GetProperty("operationId").GetString());
        var header = operation.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Idempotency-Key");
        Assert.Equal("header", header.GetProperty("in").GetString());
        Assert.True(header.GetProperty("required").GetBoolean());
        Assert.True(Resolves(operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema")));
        var responses = operation.GetProperty("responses");
        Assert.True(Resolves(responses.GetProperty(command.SuccessStatus.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetProperty("content").GetProperty("application/json").GetProperty("schema")));
        foreach (var status in new[] { "400", "401", "403", "404", "409", "422" })
        {
            Assert.True(responses.GetProperty(status).GetProperty("content").TryGetProperty("application/problem+json", out _), $"{name} documents no problem for {status}");
        }

        var description = operation.GetProperty("description").GetString()!;
        Assert.All(command.Rejections, code => Assert.Contains($"`{code}`", description, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_v1_route_the_API_serves_is_in_the_document()
    {
        var served = _host.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText?.StartsWith("/v1", StringComparison.Ordinal) == true)
            .SelectMany(endpoint => endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(method => (Path: endpoint.RoutePattern.RawText!, Method: method.ToLowerInvariant())))
            .ToList();
        var paths = _document.GetProperty("paths");

        Assert.NotEmpty(served);
        Assert.All(served, route => Assert.True(paths.TryGetProperty(route.Path, out var item) && item.TryGetProperty(route.Method, out _), $"{route.Method} {route.Path} is not documented"));
    }

    [Fact]
    public void Every_schema_reference_resolves()
    {
        var references = new List<string>();
        Collect(_document, references);

        Assert.NotEmpty(references);
        Assert.All(references, reference => Assert.True(Resolves(reference), $"{reference} does not resolve"));
    }

    [Fact]
    public void The_bearer_scheme_is_declared_and_every_operation_requires_it_unless_its_endpoint_allows_anonymous_callers()
    {
        var scheme = _document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal(("http", "bearer"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()));

        var endpoints = _host.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<HttpMethodMetadata>() is not null)
            .SelectMany(endpoint => endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(method => (Endpoint: endpoint, Method: method.ToLowerInvariant())))
            .Select(route => (route.Endpoint, route.Method, Path: DocumentPath(route.Endpoint)))
            .Where(route => _document.GetProperty("paths").TryGetProperty(route.Path, out var item) && item.TryGetProperty(route.Method, out _))
            .ToList();

        Assert.Contains(endpoints, route => route.Path == "/health/db");
        Assert.Contains(endpoints, route => route.Path == "/v1/transfers");
        Assert.All(endpoints, route =>
        {
            var operation = _document.GetProperty("paths").GetProperty(route.Path).GetProperty(route.Method);
            var anonymous = route.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var declared = operation.TryGetProperty("security", out var security)
                && security.EnumerateArray().Any(requirement => requirement.TryGetProperty("bearer", out _));
            Assert.True(declared != anonymous, $"{route.Method} {route.Path}: anonymous={anonymous}, bearer declared={declared}");
        });
    }

    /// <summary>The document writes a group's root route without its trailing slash (/health, not /health/).</summary>
    private static string DocumentPath(RouteEndpoint endpoint) => "/" + endpoint.RoutePattern.RawText!.Trim('/');

    [Fact]
    public void The_console_s_private_form_posts_are_not_part_of_the_public_contract() =>
        Assert.DoesNotContain(_document.GetProperty("paths").EnumerateObject(), path => path.Name.StartsWith("/ops", StringComparison.Ordinal));

    [Fact]
    public void Every_field_of_every_schema_and_every_parameter_has_a_description()
    {
        var undescribed = new List<string>();
        foreach (var schema in Schemas.EnumerateObject())
        {
            CollectUndescribed(schema.Name, schema.Value, undescribed);
        }

        foreach (var path in _document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                foreach (var parameter in operation.Value.TryGetProperty("parameters", out var parameters) ? parameters.EnumerateArray() : default)
                {
                    if (string.IsNullOrWhiteSpace(parameter.TryGetProperty("description", out var text) ? text.GetString() : null))
                    {
                        undescribed.Add($"{operation.Name} {path.Name} parameter {parameter.GetProperty("name").GetString()}");
                    }
                }
            }
        }

        Assert.Empty(undescribed);
    }

    [Theory]
    [InlineData("FundBankAccountRequest", "purpose", "treasury,fx_position")]
    [InlineData("BankFundingData", "purpose", "treasury,fx_position")]
    [InlineData("PostCorrectionRequest", "direction", "credit,debit")]
    [InlineData("CorrectionData", "direction", "credit,debit")]
    [InlineData("SetFeatureFlagRequest", "scopeType", "global,merchant,currency,provider")]
    [InlineData("FeatureFlagValue", "scopeType", "global,merchant,currency,provider")]
    [InlineData("SetFeatureFlagRequest", "flag", "core_wallet_enabled")]
    [InlineData("PostOpeningBalanceRequest", "assetKind", "bank,gps_pool,stablecoin,counterparty")]
    [InlineData("PostOpeningBalanceRequest", "claimKind", "wallet,wallet_reserve,suspense,opening_balance_equity,fx_position")]
    [InlineData("HoldData", "status", "reserved,submitted,settled,released,manual_review")]
    [InlineData("WalletData", "status", "active,closed")]
    [InlineData("CommandReceiptOfHoldData", "status", "completed")]
    public void A_closed_set_is_listed_as_an_enum_in_the_form_the_wire_carries(string schema, string field, string values) =>
        Assert.Equal(values.Split(','), EnumOf(Schemas.GetProperty(schema).GetProperty("properties").GetProperty(field)).Where(value => value is not null));

    [Fact]
    public void Every_field_named_like_a_closed_set_has_an_enum_wherever_it_appears()
    {
        string[] closed = ["purpose", "direction", "scopeType", "flag", "assetKind", "claimKind", "status"];
        var missing = Schemas.EnumerateObject()
            .Where(schema => schema.Name != "ProblemDetails")
            .SelectMany(schema => schema.Value.TryGetProperty("properties", out var properties) ? properties.EnumerateObject().Select(field => (Schema: schema.Name, Field: field)) : [])
            .Where(pair => closed.Contains(pair.Field.Name) && EnumOf(pair.Field.Value).Count == 0)
            .Select(pair => $"{pair.Schema}.{pair.Field.Name}")
            .ToList();

        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_request_marks_required_exactly_the_fields_its_handler_requires_and_none_of_them_nullable(string name)
    {
        var command = CommandRegistry.Find(name)!;
        var routed = Routed(command);
        var schema = RequestSchema(command);
        var required = schema.TryGetProperty("required", out var list) ? list.EnumerateArray().Select(item => item.GetString()!).ToHashSet() : [];

        Assert.Equal(
            RequestField.Of(command.RequestType).Where(field => !field.IsOptional && !routed.Contains(field.Name)).Select(field => field.Name).Order(),
            required.Order());
        Assert.False(schema.GetProperty("additionalProperties").GetBoolean());
        foreach (var field in schema.GetProperty("properties").EnumerateObject())
        {
            Assert.True(Nullable(field.Value) != required.Contains(field.Name), $"{name}.{field.Name}: required={required.Contains(field.Name)}, nullable={Nullable(field.Value)}");
        }
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_field_the_document_calls_required_is_refused_by_name_when_left_out_or_null(string name)
    {
        var command = CommandRegistry.Find(name)!;
        var schema = RequestSchema(command);
        foreach (var field in schema.TryGetProperty("required", out var list) ? list.EnumerateArray().Select(item => item.GetString()!) : [])
        {
            foreach (var without in new[] { false, true })
            {
                var body = Example(command);
                if (without)
                {
                    body.Remove(field);
                }
                else
                {
                    body[field] = null;
                }

                var refused = await _host.PostAsync(Path(command), body);

                Assert.True(
                    (int)refused.Status is >= 400 and < 500 && Fields(refused).Contains(field),
                    $"{name} without {field} (absent: {without}) answered {(int)refused.Status} {refused.Body}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Every_command_documents_an_example_request_that_passes_every_field_check(string name)
    {
        var command = CommandRegistry.Find(name)!;
        var content = _document.GetProperty("paths").GetProperty("/v1" + command.Route).GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
        var bodyFields = RequestField.Of(command.RequestType).Count(field => !Routed(command).Contains(field.Name));
        Assert.True(bodyFields == 0 || content.TryGetProperty("example", out _), $"{name} has no example request");

        var answer = await _host.PostAsync(Path(command), Example(command));

        // The sample ids name nothing that exists, so the answer may be NOT_FOUND, but never a field's refusal.
        string[] fieldCodes = [ErrorCodes.Validation, ErrorCodes.InvalidId, ErrorCodes.InvalidAmount, ErrorCodes.AmountOverflow, ErrorCodes.CurrencyUnknown];
        Assert.False(answer.Code is { } code && fieldCodes.Contains(code), $"{name}'s example was refused: {answer.Body}");
    }

    [Fact]
    public void Every_answer_field_is_always_present_so_every_one_is_required()
    {
        foreach (var schema in new[] { "CommandReceiptOfHoldData", "HoldData", "WalletData", "BalancesData", "StatementLine", "FxQuoteData" })
        {
            var properties = Schemas.GetProperty(schema).GetProperty("properties").EnumerateObject().Select(field => field.Name).Order();
            Assert.Equal(properties, Schemas.GetProperty(schema).GetProperty("required").EnumerateArray().Select(item => item.GetString()!).Order());
        }

        Assert.False(Nullable(Schemas.GetProperty("HoldData").GetProperty("properties").GetProperty("holdId")));
        Assert.True(Nullable(Schemas.GetProperty("HoldData").GetProperty("properties").GetProperty("beneficiary")));
    }

    [Fact]
    public void Problems_are_described_with_the_members_WalletFlow_adds()
    {
        var problem = Schemas.GetProperty("ProblemDetails");

        Assert.Equal(["code", "status", "title", "traceId"], problem.GetProperty("required").EnumerateArray().Select(item => item.GetString()!).Order());
        foreach (var member in new[] { "code", "field", "errors", "scope", "traceId", "detail" })
        {
            Assert.True(problem.GetProperty("properties").TryGetProperty(member, out _), member);
        }
    }

    private JsonElement RequestSchema(CommandDescriptor command)
    {
        var reference = _document.GetProperty("paths").GetProperty("/v1" + command.Route).GetProperty("post").GetProperty("requestBody")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()!;
        return Schemas.GetProperty(reference["#/components/schemas/".Length..]);
    }

    private List<string?> EnumOf(JsonElement field)
    {
        if (field.TryGetProperty("$ref", out var reference))
        {
            field = Schemas.GetProperty(reference.GetString()!["#/components/schemas/".Length..]);
        }

        return field.TryGetProperty("enum", out var values) ? [.. values.EnumerateArray().Select(value => value.ValueKind == JsonValueKind.Null ? null : value.GetString())] : [];
    }

    private static bool Nullable(JsonElement field) =>
        field.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array && type.EnumerateArray().Any(kind => kind.GetString() == "null");

    private static void CollectUndescribed(string where, JsonElement schema, List<string> undescribed)
    {
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var field in properties.EnumerateObject())
            {
                if (string.IsNullOrWhiteSpace(field.Value.TryGetProperty("description", out var text) ? text.GetString() : null))
                {
                    undescribed.Add($"{where}.{field.Name}");
                }

                CollectUndescribed($"{where}.{field.Name}", field.Value, undescribed);
            }
        }

        if (schema.TryGetProperty("items", out var items))
        {
            CollectUndescribed($"{where}[]", items, undescribed);
        }
    }

    private static HashSet<string> Routed(CommandDescriptor command) =>
        [.. command.Route.Split('/').Where(segment => segment.StartsWith('{')).Select(segment => segment[1..^1])];

    private static string Path(CommandDescriptor command) =>
        "/v1" + command.Route
            .Replace("{walletId}", CommandExamples.WalletId, StringComparison.Ordinal)
            .Replace("{holdId}", CommandExamples.HoldId, StringComparison.Ordinal)
            .Replace("{endpointId}", CommandExamples.WebhookEndpointId, StringComparison.Ordinal)
            .Replace("{deliveryId}", CommandExamples.WebhookDeliveryId, StringComparison.Ordinal);

    private static JsonObject Example(CommandDescriptor command)
    {
        var body = JsonSerializer.SerializeToNode(command.ExampleRequest, command.RequestType, CommandJson.Options)!.AsObject();
        foreach (var routed in Routed(command))
        {
            body.Remove(routed);
        }

        return body;
    }

    private static IEnumerable<string?> Fields(CommandResponse refused) =>
        refused.Body.TryGetProperty("errors", out var errors)
            ? errors.EnumerateArray().Select(error => error.GetProperty("field").GetString())
            : [refused.Field];

    private bool Resolves(JsonElement schema) =>
        !schema.TryGetProperty("$ref", out var reference) || Resolves(reference.GetString()!);

    private bool Resolves(string reference) =>
        reference.StartsWith("#/components/schemas/", StringComparison.Ordinal)
        && _document.GetProperty("components").GetProperty("schemas").TryGetProperty(reference["#/components/schemas/".Length..], out _);

    private static void Collect(JsonElement element, List<string> references)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "$ref" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        references.Add(property.Value.GetString()!);
                    }
                    else
                    {
                        Collect(property.Value, references);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, references);
                }

                break;
        }
    }
}

/// <summary>The API's document, fetched once for the whole class: every test only reads it.</summary>
public sealed class ServedOpenApiDocument(PostgresFixture postgres) : IAsyncLifetime
{
    public WalletCoreHost Host { get; private set; } = null!;

    public JsonElement Document { get; private set; }

    public async ValueTask InitializeAsync()
    {
        Host = await WalletCoreHost.StartAsync(postgres, nameof(OpenApiDocumentTests));
        var served = await Host.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, served.Status);
        Document = served.Body;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.AssertInvariantsAsync();
        await Host.DisposeAsync();
    }
}
