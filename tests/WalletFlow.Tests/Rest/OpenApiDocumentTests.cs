using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Grains.Commands;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Rest;

/// <summary>The OpenAPI document the API serves is complete: every /v1 route, its schemas, the idempotency header and every error.</summary>
public sealed class OpenApiDocumentTests(PostgresFixture postgres) : IAsyncLifetime
{
    private WalletCoreHost _host = null!;
    private JsonElement _document;

    public async ValueTask InitializeAsync()
    {
        _host = await WalletCoreHost.StartAsync(postgres, nameof(OpenApiDocumentTests));
        var served = await _host.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, served.Status);
        _document = served.Body;
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

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
