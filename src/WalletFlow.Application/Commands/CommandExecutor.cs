using System.Diagnostics;
using Microsoft.Extensions.Logging;
using WalletFlow.Application.Controls;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Application.Commands;

/// <summary>
/// Runs a registry command for any front, in one order: who may call it, the text of its fields, the idempotency key,
/// the handler's plan, the flags, then the commit where the plan's partition serializes it
/// (<see cref="ICommandCommitter"/>: the grains), whose claim replays an earlier submission of the key. Every front
/// calls this; none can skip a step. A database that cannot be reached answers <c>UNAVAILABLE</c> (retry with the same
/// key), and a ledger's refusal is said in the caller's terms.
/// </summary>
public sealed partial class CommandExecutor(
    IServiceProvider services,
    ICommandJournal journal,
    FeatureFlagPolicy flags,
    ICommandCommitter committer,
    CommandMetrics metrics,
    ITransientFailures failures,
    ILogger<CommandExecutor> logger,
    TimeProvider time)
{
    /// <summary>How long a submission waits for another submission of its key that is still pending on an external ledger.</summary>
    public static readonly TimeSpan PendingWait = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan PendingPoll = TimeSpan.FromMilliseconds(50);

    public async Task<Result<CommandOutcome>> ExecuteAsync(CommandDescriptor command, object request, string? idempotencyKey, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        using var activity = CommandMetrics.Source.StartActivity(command.Name);
        Result<CommandOutcome> result;
        try
        {
            result = await RunAsync(command, request, idempotencyKey, caller, cancellationToken);
        }
        catch (Exception exception) when (failures.IsTransient(exception) && !cancellationToken.IsCancellationRequested)
        {
            LogUnavailable(logger, exception, command.Name);
            result = Unavailable();
        }

        metrics.Record(command.Name, result.IsSuccess ? result.Value : null, result.Error?.Code);
        activity?.SetTag("walletflow.command", command.Name);
        activity?.SetTag("walletflow.outcome", result.IsSuccess ? (result.Value.Replayed ? "replayed" : "completed") : result.Error!.Code);
        return result;
    }

    /// <summary>
    /// Every check a submission makes before it commits (who may call it, its fields, the handler's plan, the flags),
    /// and nothing written: what a confirmation shows before a person says yes. A command that would be refused is
    /// refused here with the same error; null when it would run.
    /// </summary>
    public async Task<Error?> CheckAsync(CommandDescriptor command, object request, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        try
        {
            if (Admit(command, request, caller) is { } refused)
            {
                return refused;
            }

            var context = new CommandContext(caller, $"check-{Guid.NewGuid():N}", CommandId.New(time), time.GetUtcNow());
            return (await PlanAsync(command, request, context, cancellationToken)).Error;
        }
        catch (Exception exception) when (failures.IsTransient(exception) && !cancellationToken.IsCancellationRequested)
        {
            LogUnavailable(logger, exception, command.Name);
            return Unavailable();
        }
    }

    private async Task<Result<CommandOutcome>> RunAsync(CommandDescriptor command, object request, string? idempotencyKey, Caller caller, CancellationToken cancellationToken)
    {
        if (Admit(command, request, caller) is { } inadmissible)
        {
            return inadmissible;
        }

        if (!IdempotencyKey.Validate(idempotencyKey).TryGetValue(out var key, out var keyError))
        {
            return keyError;
        }

        // Most keys are new, so the command is planned and committed without first looking the key up: the claim finds
        // an earlier submission of the key (and answers its receipt, or the conflict) in the commit's own round trip.
        // Only a refusal looks the key up, because the state may have moved since an earlier submission of it
        // completed (its money spent, its hold settled): that submission's receipt is then the answer, not the refusal.
        var hash = RequestHash.Compute(command.Name, request, command.RequestType);
        var context = new CommandContext(caller, key, CommandId.New(time), time.GetUtcNow());
        if (!(await PlanAsync(command, request, context, cancellationToken)).TryGetValue(out var plan, out var rejection))
        {
            return await ReplayAsync(caller.Scope, key, hash, cancellationToken) ?? rejection;
        }

        var planned = new PlannedCommand(context.CommandId, caller.Scope, key, command.Name, hash, plan, context.Now);
        var committed = await committer.CommitAsync(planned, cancellationToken);
        if (committed.IsSuccess)
        {
            flags.Changed(plan);
            return committed;
        }

        // UNAVAILABLE says the outcome is not known yet (a pending claim may be this very submission's): the caller retries.
        var refused = committed.Error!;
        return refused.Code != ErrorCodes.Unavailable && await ReplayAsync(caller.Scope, key, hash, cancellationToken) is { } earlier
            ? earlier
            : Explain(command, request, refused);
    }

    /// <summary>Whether the caller may run the command at all, and whether its text fields are text a ledger can keep.</summary>
    private static Error? Admit(CommandDescriptor command, object request, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        return CommandAuthorization.Check(caller, command.Name, command.AllowedRoles) ?? RequestText.Check(request, command.RequestType);
    }

    /// <summary>The handler's plan, unless the caller may not touch what it names or the flags deny it.</summary>
    private async Task<Result<CommandPlan>> PlanAsync(CommandDescriptor command, object request, CommandContext context, CancellationToken cancellationToken)
    {
        if (!(await command.PlanAsync(services, request, context, cancellationToken)).TryGetValue(out var plan, out var rejection))
        {
            return rejection;
        }

        // The plan names every merchant whose wallet the command touches (its flag scope), whichever field named the
        // wallet: a partner is held to its own merchant here, once for every command.
        if (CommandAuthorization.CheckMerchants(context.Caller, command.Name, plan.FlagScope.Merchants) is { } foreign)
        {
            return foreign;
        }

        return command.GuardedByFlags && await flags.CheckAsync(plan.FlagScope, command.IsCompletion, cancellationToken) is { } denied ? denied : plan;
    }

    /// <summary>A refusal from the commit in the caller's terms; the ledger's own words stay in the log and on the trace.</summary>
    private Error Explain(CommandDescriptor command, object request, Error refused)
    {
        var explained = LedgerRefusals.Explain(refused, command, request);
        if (!ReferenceEquals(explained, refused))
        {
            LogLedgerRefusal(logger, command.Name, refused.Code, refused.Message);
            Activity.Current?.AddEvent(new ActivityEvent("walletflow.ledger_refusal", tags: new ActivityTagsCollection
            {
                ["walletflow.command"] = command.Name,
                ["walletflow.error.code"] = refused.Code,
                ["walletflow.error.detail"] = refused.Message,
            }));
        }

        return explained;
    }

    /// <summary>The earlier submission's outcome if the key was used: its receipt, a conflict, or (pending elsewhere) its receipt once it ends.</summary>
    private async Task<Result<CommandOutcome>?> ReplayAsync(string scope, string key, byte[] hash, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        while (await journal.FindAsync(scope, key, cancellationToken) is { } stored)
        {
            if (!stored.RequestHash.AsSpan().SequenceEqual(hash))
            {
                return IdempotencyConflict(key, stored.Command);
            }

            if (stored.Receipt is { } receipt)
            {
                return new CommandOutcome(receipt, Replayed: true);
            }

            if (waited >= PendingWait)
            {
                return IdempotencyInProgress(key);
            }

            await Task.Delay(PendingPoll, time, cancellationToken);
            waited += PendingPoll;
        }

        return null;
    }

    /// <summary>What a caller reads when the database could not be reached: the command may or may not have committed, and the same key settles which.</summary>
    public static Error Unavailable() =>
        new(ErrorCodes.Unavailable, "WalletFlow could not reach its database just now. Retry with the same Idempotency-Key: the retry completes the command or answers its receipt, and never runs it twice.");

    public static Error IdempotencyInProgress(string key) =>
        new(ErrorCodes.IdempotencyInProgress, $"The command with idempotency key '{key}' is still in progress; retry with the same key to get its result.", "idempotencyKey");

    public static Error IdempotencyConflict(string key, string command) =>
        new(ErrorCodes.IdempotencyConflict, $"Idempotency key '{key}' was already used for a different {command} request; use a new key for a new command.", "idempotencyKey");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command {Command} answered UNAVAILABLE: the database could not be reached.")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string command);

    [LoggerMessage(Level = LogLevel.Information, Message = "Command {Command} was refused by the ledger with {Code}: {Detail}")]
    private static partial void LogLedgerRefusal(ILogger logger, string command, string code, string detail);
}
