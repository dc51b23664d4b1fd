using Orleans;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Grains.Commands;

/// <summary>
/// How the domain's values cross between silos. The domain knows nothing of Orleans, so each travels as a surrogate:
/// a typed id as its text (parsed back, so an id that crosses is as valid as one the domain made), an error whole.
/// </summary>
[GenerateSerializer, Alias("walletflow.typed_id"), Immutable]
public readonly record struct TypedIdSurrogate(string Text);

[RegisterConverter]
public sealed class CommandIdConverter : IConverter<CommandId, TypedIdSurrogate>
{
    public CommandId ConvertFromSurrogate(in TypedIdSurrogate surrogate) => CommandId.Parse(surrogate.Text).Value;

    public TypedIdSurrogate ConvertToSurrogate(in CommandId value) => new(value.ToString());
}

[RegisterConverter]
public sealed class WalletIdConverter : IConverter<WalletId, TypedIdSurrogate>
{
    public WalletId ConvertFromSurrogate(in TypedIdSurrogate surrogate) => WalletId.Parse(surrogate.Text).Value;

    public TypedIdSurrogate ConvertToSurrogate(in WalletId value) => new(value.ToString());
}

[RegisterConverter]
public sealed class HoldIdConverter : IConverter<HoldId, TypedIdSurrogate>
{
    public HoldId ConvertFromSurrogate(in TypedIdSurrogate surrogate) => HoldId.Parse(surrogate.Text).Value;

    public TypedIdSurrogate ConvertToSurrogate(in HoldId value) => new(value.ToString());
}

/// <summary>An error with its field details (errors themselves) and the scope that denied a flagged command.</summary>
[GenerateSerializer, Alias("walletflow.error"), Immutable]
public readonly record struct ErrorSurrogate(string Code, string Message, string? Field, IReadOnlyList<Error> Details, string? Scope);

[RegisterConverter]
public sealed class ErrorConverter : IConverter<Error, ErrorSurrogate>
{
    public Error ConvertFromSurrogate(in ErrorSurrogate surrogate) =>
        new(surrogate.Code, surrogate.Message, surrogate.Field) { Details = surrogate.Details, Scope = surrogate.Scope };

    public ErrorSurrogate ConvertToSurrogate(in Error value) => new(value.Code, value.Message, value.Field, value.Details, value.Scope);
}
