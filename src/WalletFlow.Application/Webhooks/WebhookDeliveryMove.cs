using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Application.Webhooks;

/// <summary>
/// What replay and discard share: read the delivery, refuse a move its status does not allow with a sentence that says
/// why, and plan the move guarded by that status, so a dispatcher or another operator that moved it first wins.
/// </summary>
internal static class WebhookDeliveryMove
{
    public static async Task<Result<CommandPlan<WebhookDeliveryData>>> PlanAsync(
        IWebhookReads reads, string? deliveryId, IReadOnlyList<WebhookDeliveryStatus> from, WebhookDeliveryStatus to, string verb, CommandContext context, CancellationToken cancellationToken)
    {
        var fields = new RequestValidator();
        var id = fields.Read(WebhookDeliveryId.Parse(deliveryId), "deliveryId");
        if (fields.Failed(out var error))
        {
            return error;
        }

        if (await reads.FindDeliveryAsync(id, cancellationToken) is not { } delivery)
        {
            return WebhookErrors.DeliveryNotFound(id);
        }

        var status = Enum.Parse<WebhookDeliveryStatus>(delivery.Status, ignoreCase: true);
        if (!from.Contains(status))
        {
            return new Error(ErrorCodes.Conflict, $"Delivery {id} is {delivery.Status}; only a {string.Join(" or ", from.Select(Name))} delivery can be {verb}.", "deliveryId");
        }

        var moved = delivery with
        {
            Status = Name(to),
            NextAttemptAt = to == WebhookDeliveryStatus.Pending ? context.Now : null,
            FinishedAt = to == WebhookDeliveryStatus.Pending ? null : context.Now,
        };
        return new CommandPlan<WebhookDeliveryData>(
            CommandPartition.Direct.Instance,
            Ledger: null,
            [new MoveWebhookDelivery(id.Value, from, to, context.Now)],
            FlagScope.None,
            moved);
    }

    private static string Name(WebhookDeliveryStatus status) => RequestValidator.ToSnakeCase(status.ToString());
}
