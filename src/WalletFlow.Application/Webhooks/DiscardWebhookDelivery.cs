using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.Webhooks;

public sealed record DiscardWebhookDeliveryRequest(string? DeliveryId);

/// <summary>Gives up on a pending or dead delivery: no further attempt is made; it can still be replayed later.</summary>
public sealed class DiscardWebhookDelivery(IWebhookReads reads) : ICommandHandler<DiscardWebhookDeliveryRequest, WebhookDeliveryData>
{
    private static readonly WebhookDeliveryStatus[] Discardable = [WebhookDeliveryStatus.Pending, WebhookDeliveryStatus.Dead];

    public static CommandDescriptor Descriptor { get; } = new CommandDescriptor<DiscardWebhookDeliveryRequest, WebhookDeliveryData, DiscardWebhookDelivery>
    {
        Name = "discardWebhookDelivery",
        Title = "Discard webhook",
        Summary = "Stops retrying a pending or dead webhook delivery; it can be replayed later; moves no money.",
        Area = "Webhooks",
        Route = "/webhook-deliveries/{deliveryId}/discard",
        Example = new DiscardWebhookDeliveryRequest(CommandExamples.WebhookDeliveryId),
        AllowedRoles = CallerRoles.Operators,
        GuardedByFlags = false,
        NeedsConfirmation = true,
        Rejections = [ErrorCodes.InvalidId, ErrorCodes.NotFound, ErrorCodes.Conflict],
    };

    public Task<Result<CommandPlan<WebhookDeliveryData>>> PlanAsync(DiscardWebhookDeliveryRequest request, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return WebhookDeliveryMove.PlanAsync(reads, request.DeliveryId, Discardable, WebhookDeliveryStatus.Discarded, "discarded", context, cancellationToken);
    }
}
