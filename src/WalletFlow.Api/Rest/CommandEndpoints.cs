using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using WalletFlow.Access;
using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Api.Rest;

/// <summary>
/// One POST route per registry command, generated: the body is the command's request, the <c>Idempotency-Key</c>
/// header its key, the answer its receipt (or problem+json). A replay answers the first receipt again, with
/// <c>Idempotent-Replayed: true</c>.
/// </summary>
internal static class CommandEndpoints
{
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>The codes any command can answer, whatever it does.</summary>
    private static readonly string[] CommonRejections =
        [
            ErrorCodes.Validation, ErrorCodes.RequestTooLarge, ErrorCodes.IdempotencyKeyMissing, ErrorCodes.IdempotencyConflict, ErrorCodes.IdempotencyInProgress,
            ErrorCodes.Unauthorized, ErrorCodes.Forbidden, ErrorCodes.Unavailable,
        ];

    public static RouteGroupBuilder MapCommands(this RouteGroupBuilder group)
    {
        foreach (var command in CommandRegistry.All)
        {
            group.MapPost(command.Route, (HttpContext context, CommandExecutor executor) => ExecuteAsync(command, context, executor))
                .RequireAuthorization(AccessPolicies.ApiRoles(AccessRoles.Of(command.AllowedRoles)))
                .WithName(command.Name)
                .WithTags(command.Area)
                .WithSummary(command.Title)
                .WithDescription(Describe(command))
                .Accepts(command.RequestType, "application/json")
                .Produces(command.SuccessStatus, typeof(CommandReceipt<>).MakeGenericType(command.DataType))
                .ProducesProblem(StatusCodes.Status400BadRequest)
                .ProducesProblem(StatusCodes.Status401Unauthorized)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
                .AddOpenApiOperationTransformer((operation, _, _) =>
                {
                    DescribeBody(operation, command);
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = IdempotencyKey.HeaderName,
                        In = ParameterLocation.Header,
                        Required = true,
                        Description = "A unique key per intended command (1 to 255 printable ASCII characters). Resending it with the same body replays the first result; with a different body it is refused with IDEMPOTENCY_CONFLICT.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyKey.MaxLength },
                    });
                    return Task.CompletedTask;
                });
        }

        return group;
    }

    private static async Task<IResult> ExecuteAsync(CommandDescriptor command, HttpContext context, CommandExecutor executor)
    {
        var body = await CommandBody.ReadAsync(context.Request, command.RequestType, context.RequestAborted);
        if (!body.TryGetValue(out var request, out var invalid))
        {
            return RestProblems.For(invalid);
        }

        var outcome = await executor.ExecuteAsync(command, request, context.Request.Headers[IdempotencyKey.HeaderName], context.User.ToCaller(), context.RequestAborted);
        if (!outcome.TryGetValue(out var completed, out var error))
        {
            return RestProblems.For(error);
        }

        context.Response.Headers[ReplayedHeader] = completed.Replayed ? "true" : "false";
        return Results.Json(completed.Receipt, CommandJson.Options, statusCode: command.SuccessStatus);
    }

    /// <summary>The command's example as its body (the path's fields left out), and whether a body is needed at all.</summary>
    private static void DescribeBody(OpenApiOperation operation, CommandDescriptor command)
    {
        if (operation.RequestBody is not OpenApiRequestBody body)
        {
            return;
        }

        var routed = command.Route.Split('/').Where(segment => segment.StartsWith('{')).Select(segment => segment[1..^1]).ToHashSet(StringComparer.Ordinal);
        var example = JsonSerializer.SerializeToNode(command.ExampleRequest, command.RequestType, CommandJson.Options)!.AsObject();
        foreach (var (name, value) in example.ToList())
        {
            if (value is null || routed.Contains(name))
            {
                example.Remove(name);
            }
        }

        body.Required = RequestField.Of(command.RequestType).Any(field => !field.IsOptional && !routed.Contains(field.Name));
        foreach (var media in body.Content?.Values ?? [])
        {
            media.Example = example;
        }
    }

    private static string Describe(CommandDescriptor command)
    {
        var template = command.Template is null ? string.Empty : $" Posts the `{command.Template}` template.";
        var posting = command.Template is null ? [] : new[] { ErrorCodes.BalanceOutOfRange };
        var codes = string.Join(", ", command.Rejections.Concat(posting).Concat(CommonRejections).Distinct().Select(code => $"`{code}`"));
        return $"{command.Summary}{template} Requires the `{IdempotencyKey.HeaderName}` header. Callers: {command.AllowedRoles}. Error codes: {codes}.";
    }
}
