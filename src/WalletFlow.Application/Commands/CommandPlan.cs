using System.Text.Json.Serialization;
using Orleans;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Application.Commands;

/// <summary>
/// What a handler decided a command does, before anything is written: where it is serialized (<see cref="Partition"/>),
/// what it posts to the ledger, which rows of the wallet core it changes, which flag scopes guard it, and the data its
/// receipt returns. A plan is data, so a command pending on an external ledger can be finished after a crash.
/// </summary>
public sealed record CommandPlan<TData>(
    CommandPartition Partition,
    LedgerWork? Ledger,
    IReadOnlyList<StateChange> Changes,
    FlagScope FlagScope,
    TData Data)
{
    internal CommandPlan Erase() => new(Partition, Ledger, Changes, FlagScope, Data ?? throw new InvalidOperationException("A plan carries its receipt's data."));
}

/// <summary>
/// A <see cref="CommandPlan{TData}"/> as the journal and the grains handle it, whatever its command: <see cref="Data"/>
/// is the command's data record (<see cref="CommandDescriptor.DataType"/>). The partition is not stored: it only routes
/// the first attempt, and a recovery commits straight to the journal.
/// </summary>
[GenerateSerializer, Alias("walletflow.plan"), Immutable]
public sealed record CommandPlan(
    [property: JsonIgnore] CommandPartition Partition,
    LedgerWork? Ledger,
    IReadOnlyList<StateChange> Changes,
    FlagScope FlagScope,
    object Data);

/// <summary>
/// Where a command is serialized: a wallet's grain (commands queued there commit in one ledger batch), a hold's grain
/// (its state machine moves one step at a time), or straight to the journal (the database's constraints decide).
/// </summary>
[GenerateSerializer, Alias("walletflow.partition"), Immutable]
public abstract record CommandPartition
{
    private CommandPartition()
    {
    }

    [GenerateSerializer, Alias("walletflow.partition.wallet"), Immutable]
    public sealed record Wallet(WalletId Id) : CommandPartition;

    [GenerateSerializer, Alias("walletflow.partition.hold"), Immutable]
    public sealed record Hold(HoldId Id) : CommandPartition;

    [GenerateSerializer, Alias("walletflow.partition.direct"), Immutable]
    public sealed record Direct : CommandPartition
    {
        public static Direct Instance { get; } = new();
    }
}

/// <summary>
/// The scopes of <c>core_wallet_enabled</c> a command runs under: every merchant whose wallet it touches, every
/// currency it moves, and the provider it goes through. A command touching two of a kind is guarded by both.
/// </summary>
[GenerateSerializer, Alias("walletflow.flag_scope"), Immutable]
public sealed record FlagScope(IReadOnlyList<string> Merchants, IReadOnlyList<string> Currencies, string? Provider)
{
    public static FlagScope None { get; } = new([], [], null);

    public static FlagScope Of(string? merchant, string currency, string? provider = null) => new(merchant is null ? [] : [merchant], [currency], provider);
}
