using Orleans;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Outbox;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Application.Webhooks;

/// <summary><see cref="EventTypes"/> is a comma-separated list of event types (<c>transfer.completed,postPayin.completed</c>); left out, every event.</summary>
public sealed record CreateWebhookEndpointRequest(
    string? MerchantId,
    string? Url,
    [property: OptionalField] string? EventTypes,
    [property: OptionalField] string? Description);

/// <summary>
/// A new endpoint and its signing secret. The secret is in this receipt and nowhere else a caller can read: the list
/// of endpoints never shows it, and an idempotent retry of the same request returns this receipt again.
/// </summary>
[GenerateSerializer, Alias("walletflow.data.webhook_endpoint_created"), Immutable]
public sealed record WebhookEndpointCreated(
    string EndpointId, string MerchantId, string Url, IReadOnlyList<string> EventTypes, string? Description, string Secret, DateTimeOffset CreatedAt);

/// <summary>
/// Subscribes a URL to a merchant's events: from now on every event that moves one of the merchant's wallets (or
/// names one) is delivered there, signed the Standard Webhooks way, until it is answered with a 2xx or its retries run out.
/// </summary>
public sealed class CreateWebhookEndpoint(WebhookTargets targets, TimeProvider time) : ICommandHandler<CreateWebhookEndpointRequest, WebhookEndpointCreated>
{
    public static CommandDescriptor Descriptor { get; } = new CommandDescriptor<CreateWebhookEndpointRequest, WebhookEndpointCreated, CreateWebhookEndpoint>
    {
        Name = "createWebhookEndpoint",
        Title = "Add webhook endpoint",
        Summary = "Subscribes an https URL to a merchant's events and answers its signing secret, once; moves no money.",
        Area = "Webhooks",
        Route = "/webhook-endpoints",
        Example = new CreateWebhookEndpointRequest("acme", "https://partner.example.com/walletflow/webhooks", "transfer.completed,postPayin.completed", "Ledger sync"),
        AllowedRoles = CallerRoles.Operators,
        GuardedByFlags = false,
        SuccessStatus = 201,
        Rejections = [ErrorCodes.InvalidId, ErrorCodes.WebhookTargetRefused],
    };

    public async Task<Result<CommandPlan<WebhookEndpointCreated>>> PlanAsync(CreateWebhookEndpointRequest request, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var fields = new RequestValidator();
        var merchant = fields.Read(MerchantId.Parse(request.MerchantId), "merchantId");
        var eventTypes = EventTypes(fields, request.EventTypes);
        var url = fields.Read(await targets.CheckAsync(request.Url, cancellationToken), "url");
        if (fields.Failed(out var error))
        {
            return error;
        }

        var created = new WebhookEndpointCreated(
            WebhookEndpointId.New(time).ToString(), merchant.Value, url.AbsoluteUri, eventTypes, RequestValidator.Optional(request.Description), WebhookSecret.New(), context.Now);
        return new CommandPlan<WebhookEndpointCreated>(
            CommandPartition.Direct.Instance,
            Ledger: null,
            [new AddWebhookEndpoint(created.EndpointId, created.MerchantId, created.Url, created.EventTypes, created.Description, created.Secret, created.CreatedAt)],
            FlagScope.None,
            created);
    }

    private static IReadOnlyList<string> EventTypes(RequestValidator fields, string? text)
    {
        var named = (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        foreach (var unknown in named.Where(type => !OutboxEvents.All.Contains(type, StringComparer.Ordinal)))
        {
            fields.Check(false, "eventTypes", $"'{unknown}' is not an event type: each is a command's name followed by '.completed', such as {OutboxEvents.Completed(Wallets.Transfer.Descriptor.Name)}; see docs/webhooks.md for the list.");
        }

        return named;
    }
}
