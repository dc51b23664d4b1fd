using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Application.Controls;

/// <summary><paramref name="Enabled"/> is nullable so that a missing value is refused instead of read as false (a silent kill switch).</summary>
public sealed record SetFeatureFlagRequest(
    [property: Choice(FeatureFlags.CoreWalletEnabled)] string? Flag,
    [property: Choice(typeof(FlagScopeType))] string? ScopeType,
    [property: OptionalField] string? ScopeValue,
    bool? Enabled,
    [property: OptionalField] string? Reason);

/// <summary>
/// Turns <c>core_wallet_enabled</c> on or off for one scope. It is never guarded by the flags itself: disabling
/// everything must leave the way to enable it again.
/// </summary>
public sealed class SetFeatureFlag : ICommandHandler<SetFeatureFlagRequest, FeatureFlagValue>
{
    public static CommandDescriptor Descriptor { get; } = new CommandDescriptor<SetFeatureFlagRequest, FeatureFlagValue, SetFeatureFlag>
    {
        Name = "setFeatureFlag",
        NeedsConfirmation = true,
        Title = "Set feature flag",
        Summary = "Enables or disables the wallet core for a merchant, a currency, a provider or everything; moves no money.",
        Area = "Controls",
        Route = "/feature-flags",
        Example = new SetFeatureFlagRequest(FeatureFlags.CoreWalletEnabled, "merchant", "acme", Enabled: false, "Chargeback review"),
        AllowedRoles = CallerRoles.Admin,
        GuardedByFlags = false,
        Rejections = [ErrorCodes.CurrencyUnknown, ErrorCodes.InvalidId],
    };

    public Task<Result<CommandPlan<FeatureFlagValue>>> PlanAsync(SetFeatureFlagRequest request, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var fields = new RequestValidator();
        fields.Check(request.Flag is FeatureFlags.CoreWalletEnabled, "flag", $"The flag must be {FeatureFlags.CoreWalletEnabled}, the only one WalletFlow knows.");
        var scopeType = fields.Choice<FlagScopeType>(request.ScopeType, "scopeType");
        var knownType = Enum.GetValues<FlagScopeType>().Any(type => RequestValidator.ToSnakeCase(type.ToString()) == request.ScopeType);
        var scopeValue = knownType ? ScopeValue(fields, scopeType, request.ScopeValue) : string.Empty;
        fields.Check(request.Enabled is not null, "enabled", "Enabled is required: true or false.");
        var reason = RequestValidator.Optional(request.Reason);
        if (fields.Failed(out var error))
        {
            return Task.FromResult<Result<CommandPlan<FeatureFlagValue>>>(error);
        }

        var value = new FeatureFlagValue(request.Flag!, scopeType, scopeValue, request.Enabled!.Value, reason, context.Now);
        var plan = new CommandPlan<FeatureFlagValue>(
            CommandPartition.Direct.Instance,
            Ledger: null,
            [new SetFlag(value.Flag, value.ScopeType, value.ScopeValue, value.Enabled, value.Reason, value.UpdatedAt)],
            FlagScope.None,
            value);
        return Task.FromResult<Result<CommandPlan<FeatureFlagValue>>>(plan);
    }

    /// <summary>The value exactly as commands name the scope, so that a flag set here is the one the policy reads.</summary>
    private static string ScopeValue(RequestValidator fields, FlagScopeType type, string? value)
    {
        const string Field = "scopeValue";
        switch (type)
        {
            case FlagScopeType.Global:
                fields.Check(value is null or FeatureFlags.GlobalScopeValue, Field, $"A global flag has no scope value: leave it out or send '{FeatureFlags.GlobalScopeValue}'.");
                return FeatureFlags.GlobalScopeValue;
            case FlagScopeType.Merchant:
                return fields.Read(MerchantId.Parse(value), Field).Value ?? string.Empty;
            case FlagScopeType.Currency:
                return fields.Currency(value, Field)?.Code ?? string.Empty;
            default:
                return fields.Provider(value, Field, required: true)!;
        }
    }
}
