using System.Text.Json;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;
using WalletFlow.Domain.Money;
using WalletFlow.Grains.Commands;
using WalletFlow.Grains.Payouts;

namespace WalletFlow.Tests.Grains.Payouts;

public sealed class HoldGrainTests
{
    private static readonly HoldId Id = HoldId.New(TimeProvider.System);

    [Fact]
    public async Task A_move_its_loaded_status_does_not_allow_is_refused_without_touching_the_journal()
    {
        var store = new Store(HoldStatus.Settled);
        var journal = new Journal(_ => new CommandOutcome(Receipt(), Replayed: false));
        var grain = new HoldGrain(Id, store, journal);
        await grain.OnActivateAsync();

        var outcome = await grain.CommitAsync(Settle());

        Assert.Equal(ErrorCodes.HoldNotOpen, outcome.Error?.Code);
        Assert.Equal(0, journal.Commits);
    }

    [Fact]
    public async Task After_a_commit_the_grain_knows_the_new_status_and_refuses_a_second_move()
    {
        var store = new Store(HoldStatus.Reserved);
        var journal = new Journal(_ => new CommandOutcome(Receipt(), Replayed: false));
        var grain = new HoldGrain(Id, store, journal);
        await grain.OnActivateAsync();

        Assert.True((await grain.CommitAsync(Settle())).IsSuccess);
        var second = await grain.CommitAsync(Settle());

        Assert.Equal(ErrorCodes.HoldNotOpen, second.Error?.Code);
        Assert.Equal(1, journal.Commits);
    }

    [Fact]
    public async Task When_another_process_moved_the_hold_first_the_grain_reloads_its_status()
    {
        var store = new Store(HoldStatus.Reserved);
        var journal = new Journal(_ =>
        {
            store.Status = HoldStatus.Released;
            return new Error(ErrorCodes.HoldNotOpen, "moved elsewhere first");
        });
        var grain = new HoldGrain(Id, store, journal);
        await grain.OnActivateAsync();

        Assert.Equal(ErrorCodes.HoldNotOpen, (await grain.CommitAsync(Settle())).Error?.Code);
        var refused = await grain.CommitAsync(Settle());

        Assert.Contains("released", refused.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(1, journal.Commits);
    }

    [Fact]
    public async Task An_unknown_hold_is_not_found()
    {
        var grain = new HoldGrain(Id, new Store(null), new Journal(_ => throw new InvalidOperationException("not called")));
        await grain.OnActivateAsync();

        Assert.Equal(ErrorCodes.NotFound, (await grain.CommitAsync(Settle())).Error?.Code);
    }

    private static PlannedCommand Settle() => new(
        CommandId.New(TimeProvider.System),
        Caller.OperatorScope,
        "key",
        "settleHold",
        [1],
        new CommandPlan(new CommandPartition.Hold(Id), Ledger: null, [new MoveHold(Id.ToString(), Holds.Open, HoldStatus.Settled, null, DateTimeOffset.UnixEpoch)], FlagScope.None, default),
        DateTimeOffset.UnixEpoch);

    private static CommandReceipt<JsonElement> Receipt() => new("wtx", "settleHold", "key", "completed", 1, [], [], default, DateTimeOffset.UnixEpoch);

    private sealed class Store(HoldStatus? status) : IHoldStore
    {
        public HoldStatus? Status { get; set; } = status;

        public Task<Hold?> FindAsync(HoldId id, CancellationToken cancellationToken) => Task.FromResult(Status is { } current
            ? new Hold(id, WalletId.New(TimeProvider.System), new Money(100, Currency.Find("USD").Value), "gps", BankId.Parse("citi").Value, null, current, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch)
            : null);

        public Task<IReadOnlyList<Hold>> ListAsync(HoldFilter filter, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private sealed class Journal(Func<PlannedCommand, Result<CommandOutcome>> commit) : ICommandJournal
    {
        public int Commits { get; private set; }

        public Task<IReadOnlyList<Result<CommandOutcome>>> CommitAsync(IReadOnlyList<PlannedCommand> commands, CancellationToken cancellationToken)
        {
            Commits++;
            return Task.FromResult<IReadOnlyList<Result<CommandOutcome>>>([.. commands.Select(commit)]);
        }

        public Task<StoredCommand?> FindAsync(string scope, string idempotencyKey, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<StoredCommand?> FindAsync(CommandId id, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
