using WalletFlow.Domain.Errors;

namespace WalletFlow.Domain.Ids;

/// <summary>A WalletFlow transaction: one command that completed, and the ledger transaction it posted: `wtx_` plus a time-ordered Guid.</summary>
public readonly record struct CommandId
{
    private const string Prefix = "wtx_";

    private CommandId(Guid value) => Value = value;

    public Guid Value { get; }

    public static CommandId New(TimeProvider time) => new(TimeOrderedId.New(time));

    public static Result<CommandId> Parse(string? text) =>
        TimeOrderedId.Parse(text, Prefix, "command id", "commandId").Map(value => new CommandId(value));

    public override string ToString() => TimeOrderedId.Format(Prefix, Value);
}
