using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.Commands;

/// <summary>
/// A registry entry: everything a front needs to expose a command without knowing it (REST route, gRPC method,
/// console form), and the handler that runs it. Adding a use case is one handler plus one of these.
/// </summary>
public abstract class CommandDescriptor
{
    /// <summary>The command's stable name (camelCase): the gRPC method, the console form, and what idempotency keys are bound to.</summary>
    public required string Name { get; init; }

    /// <summary>A short title for forms and documentation ("Transfer").</summary>
    public required string Title { get; init; }

    /// <summary>One sentence: what the command does to the money.</summary>
    public required string Summary { get; init; }

    /// <summary>The capability it belongs to (Wallets, Payouts, Fx, Treasury, Reserves, Corrections, Controls).</summary>
    public required string Area { get; init; }

    /// <summary>The REST route under <c>/v1</c>; <c>{name}</c> segments fill the request property of that name.</summary>
    public required string Route { get; init; }

    /// <summary>The bundled template it posts, if any (documentation and console hints).</summary>
    public string? Template { get; init; }

    public CallerRoles AllowedRoles { get; init; } = CallerRoles.Operators;

    /// <summary>A saga completion (settle, release, manual review): flags gate it only when completion gating is on.</summary>
    public bool IsCompletion { get; init; }

    /// <summary>
    /// Whether a person confirms the command before it runs from the console: it settles, releases or reverses money, or
    /// switches a kill switch, and none of those is undone by running another form.
    /// </summary>
    public bool NeedsConfirmation { get; init; }

    /// <summary>Whether <c>core_wallet_enabled</c> guards the command; false only for the command that sets flags, which a kill switch must never lock out.</summary>
    public bool GuardedByFlags { get; init; } = true;

    /// <summary>What the REST route answers on success (201 when the command creates a resource).</summary>
    public int SuccessStatus { get; init; } = 200;

    /// <summary>The error codes this command can answer besides the ones every command can (documentation, OpenAPI).</summary>
    public IReadOnlyList<string> Rejections { get; init; } = [];

    public abstract Type RequestType { get; }

    /// <summary>A request that passes the command's validation (with the sample ids of <see cref="CommandExamples"/>): the OpenAPI document shows it.</summary>
    public abstract object? ExampleRequest { get; }

    public abstract Type DataType { get; }

    /// <summary>The handler, which the host registers as a singleton.</summary>
    public abstract Type HandlerType { get; }

    internal abstract Task<Result<CommandPlan>> PlanAsync(IServiceProvider services, object request, CommandContext context, CancellationToken cancellationToken);
}

/// <summary>A command whose <typeparamref name="THandler"/> plans <typeparamref name="TRequest"/> into a receipt carrying <typeparamref name="TData"/>.</summary>
public sealed class CommandDescriptor<TRequest, TData, THandler> : CommandDescriptor
    where TRequest : class
    where THandler : class, ICommandHandler<TRequest, TData>
{
    public override Type RequestType => typeof(TRequest);

    /// <summary>A valid request of this command, for documentation and contract tests.</summary>
    public TRequest? Example { get; init; }

    public override object? ExampleRequest => Example;

    public override Type DataType => typeof(TData);

    public override Type HandlerType => typeof(THandler);

    internal override async Task<Result<CommandPlan>> PlanAsync(IServiceProvider services, object request, CommandContext context, CancellationToken cancellationToken)
    {
        var handler = (THandler?)services.GetService(typeof(THandler)) ?? throw new InvalidOperationException($"{typeof(THandler).Name} is not registered.");
        var planned = await handler.PlanAsync((TRequest)request, context, cancellationToken);
        return planned.Map(plan => plan.Erase());
    }
}
