using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.Commands;

/// <summary>
/// One use case: validates its request and plans what it does (<see cref="CommandPlan{TData}"/>), reading whatever
/// it needs, writing nothing. The executor claims the key, checks the flags, and commits the plan in the grain of its
/// partition. A rejection is an <see cref="Error"/> value, and leaves nothing behind.
/// </summary>
public interface ICommandHandler<in TRequest, TData>
{
    Task<Result<CommandPlan<TData>>> PlanAsync(TRequest request, CommandContext context, CancellationToken cancellationToken);
}

/// <summary>What a handler knows about the call: who makes it, under which key, and the id its command will have.</summary>
public sealed record CommandContext(Caller Caller, string IdempotencyKey, Domain.Ids.CommandId CommandId, DateTimeOffset Now);
