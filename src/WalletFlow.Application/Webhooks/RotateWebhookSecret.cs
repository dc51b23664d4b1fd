using Orleans;
using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Application.Webhooks;

public sealed record RotateWebhookSecretRequest(string? EndpointId);

/// <summary>The endpoint's new secret, shown in this receipt only, and until when the one it replaces still signs.</summary>
[GenerateSerializer, Alias("walletflow.data.webhook_secret_rotated"), Immutable]
public sealed record WebhookSecretRotated(string EndpointId, string Secret, DateTimeOffset PreviousSecretValidUntil, DateTimeOffset RotatedAt);

/// <summary>
/// Gives an endpoint a new signing secret. For <see cref="WebhookOptions.SecretOverlap"/> every delivery carries two
/// signatures, one per secret, so the receiver can verify with either while it switches; then only the new one signs.
/// A secret rotated twice within the overlap keeps only the latest previous secret.
/// </summary>
public sealed class RotateWebhookSecret(IWebhookReads reads, WebhookOptions options) : ICommandHandler<RotateWebhookSecretRequest, WebhookSecretRotated>
{
    public static CommandDescriptor Descriptor { get; } = new CommandDescriptor<RotateWebhookSecretRequest, WebhookSecretRotated, RotateWebhookSecret>
    {
        Name = "rotateWebhookSecret",
        Title = "Rotate webhook secret",
        Summary = "Gives a webhook endpoint a new signing secret, answered once; the old one keeps signing during the overlap; moves no money.",
        Area = "Webhooks",
        Route = "/webhook-endpoints/{endpointId}/rotate-secret",
        Example = new RotateWebhookSecretRequest(CommandExamples.WebhookEndpointId),
        AllowedRoles = CallerRoles.Operators,
        GuardedByFlags = false,
        NeedsConfirmation = true,
        Rejections = [ErrorCodes.InvalidId, ErrorCodes.NotFound],
    };

    public async Task<Result<CommandPlan<WebhookSecretRotated>>> PlanAsync(RotateWebhookSecretRequest request, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var fields = new RequestValidator();
        var id = fields.Read(WebhookEndpointId.Parse(request.EndpointId), "endpointId");
        if (fields.Failed(out var error))
        {
            return error;
        }

        if (await reads.FindEndpointAsync(id, cancellationToken) is null)
        {
            return WebhookErrors.EndpointNotFound(id);
        }

        var rotated = new WebhookSecretRotated(id.ToString(), WebhookSecret.New(), context.Now + options.SecretOverlap, context.Now);
        return new CommandPlan<WebhookSecretRotated>(
            CommandPartition.Direct.Instance,
            Ledger: null,
            [new ReplaceWebhookSecret(rotated.EndpointId, rotated.Secret, rotated.PreviousSecretValidUntil, rotated.RotatedAt)],
            FlagScope.None,
            rotated);
    }
}
