using Orleans;
using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.Statements;

public sealed record RebuildStatementsRequest(string? Reason);

/// <summary>A rebuild just requested: its id (the command's) and when; its progress is read from <c>/v1/statement-rebuilds</c>.</summary>
[GenerateSerializer, Alias("walletflow.data.statement_rebuild_started"), Immutable]
public sealed record StatementRebuildStarted(string RebuildId, DateTimeOffset RequestedAt);

/// <summary>
/// Recomputes the statement read model from the ledger, wallet by wallet, while traffic flows: each wallet's lines are
/// replaced under the lock the relay's projector takes, so no movement is lost or counted twice. The rebuild runs in
/// the background (<see cref="StatementRebuilder"/>); one at a time.
/// </summary>
public sealed class RebuildStatements : ICommandHandler<RebuildStatementsRequest, StatementRebuildStarted>
{
    public static CommandDescriptor Descriptor { get; } = new CommandDescriptor<RebuildStatementsRequest, StatementRebuildStarted, RebuildStatements>
    {
        Name = "rebuildStatements",
        Title = "Rebuild statements",
        Summary = "Recomputes every wallet's statement from the ledger in the background, while traffic flows; moves no money.",
        Area = "Reconciliation",
        Route = "/statement-rebuilds",
        Example = new RebuildStatementsRequest("Statement of a wallet disagreed with its ledger balance"),
        AllowedRoles = CallerRoles.Admin,
        GuardedByFlags = false,
        NeedsConfirmation = true,
        Rejections = [ErrorCodes.Validation, ErrorCodes.Conflict],
    };

    public Task<Result<CommandPlan<StatementRebuildStarted>>> PlanAsync(RebuildStatementsRequest request, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var fields = new RequestValidator();
        fields.Required(request.Reason, "reason");
        if (fields.Failed(out var error))
        {
            return Task.FromResult<Result<CommandPlan<StatementRebuildStarted>>>(error);
        }

        var rebuild = context.CommandId.ToString();
        var plan = new CommandPlan<StatementRebuildStarted>(
            CommandPartition.Direct.Instance,
            Ledger: null,
            [new StartStatementRebuild(rebuild, context.Now)],
            FlagScope.None,
            new StatementRebuildStarted(rebuild, context.Now));
        return Task.FromResult<Result<CommandPlan<StatementRebuildStarted>>>(plan);
    }
}
