using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.Webhooks;

public sealed record ReplayWebhookDeliveryRequest(string? DeliveryId);

/// <summary>
/// Sends a dead, discarded or delivered event again, at once and with a fresh retry schedule; its attempts so far are
/// kept. The message keeps its <c>webhook-id</c>, so a receiver that did process it can tell.
/// </summary>
public sealed class ReplayWebhookDelivery(IWebhookReads reads) : ICommandHandler<ReplayWebhookDeliveryRequest, WebhookDeliveryData>
{
    private static readonly WebhookDeliveryStatus[] Replayable = [WebhookDeliveryStatus.Dead, WebhookDeliveryStatus.Discarded, WebhookDeliveryStatus.Delivered];

    public static CommandDescriptor Descriptor { get; } = new CommandDescriptor<ReplayWebhookDeliveryRequest, WebhookDeliveryData, ReplayWebhookDelivery>
    {
        Name = "replayWebhookDelivery",
        Title = "Replay webhook",
        Summary = "Sends a dead, discarded or delivered webhook again with a fresh retry schedule; moves no money.",
        Area = "Webhooks",
        Route = "/webhook-deliveries/{deliveryId}/replay",
        Example = new ReplayWebhookDeliveryRequest(CommandExamples.WebhookDeliveryId),
        AllowedRoles = CallerRoles.Operators,
        GuardedByFlags = false,
        Rejections = [ErrorCodes.InvalidId, ErrorCodes.NotFound, ErrorCodes.Conflict],
    };

    public Task<Result<CommandPlan<WebhookDeliveryData>>> PlanAsync(ReplayWebhookDeliveryRequest request, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return WebhookDeliveryMove.PlanAsync(reads, request.DeliveryId, Replayable, WebhookDeliveryStatus.Pending, "replayed", context, cancellationToken);
    }
}
