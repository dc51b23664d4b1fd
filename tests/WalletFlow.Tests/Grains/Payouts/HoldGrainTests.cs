using WalletFlow.Application.Commands;
using WalletFlow.Application.Payouts;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;
using WalletFlow.Grains.Commands;
using WalletFlow.Grains.Payouts;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Grains.Payouts;

/// <summary>The hold grain's state machine, on a real Orleans silo.</summary>
public sealed class HoldGrainTests : IAsyncLifetime
{
    private readonly HoldId _id = HoldId.New(TimeProvider.System);
    private GrainCluster _silo = null!;

    public async ValueTask InitializeAsync() => _silo = await GrainCluster.StartAsync();

    public ValueTask DisposeAsync() => _silo.DisposeAsync();

    [Fact]
    public async Task A_move_its_loaded_status_does_not_allow_is_refused_without_touching_the_journal()
    {
        _silo.Holds.Set(_id, HoldStatus.Settled);

        var answer = await SettleAsync("settle");

        Assert.Equal(ErrorCodes.HoldNotOpen, answer.ToResult().Error?.Code);
        Assert.Empty(_silo.Journal.Batches);
    }

    [Fact]
    public async Task After_a_commit_the_grain_knows_the_new_status_and_refuses_a_second_move()
    {
        _silo.Holds.Set(_id, HoldStatus.Reserved);

        Assert.True((await SettleAsync("settle")).ToResult().IsSuccess);
        var second = await SettleAsync("settle-again");

        Assert.Equal(ErrorCodes.HoldNotOpen, second.ToResult().Error?.Code);
        Assert.Equal([["settle"]], _silo.Journal.Batches);
    }

    [Fact]
    public async Task When_another_process_moved_the_hold_first_the_grain_reloads_its_status()
    {
        await using var silo = await GrainCluster.StartAsync(journal: new ScriptedJournal { Refuse = new HashSet<string> { "settle" }, RefusalCode = ErrorCodes.HoldNotOpen });
        silo.Holds.Set(_id, HoldStatus.Reserved);
        silo.Journal.BeforeCommit = _ => silo.Holds.Set(_id, HoldStatus.Released);
        var grain = silo.Cluster.Client.GetGrain<IHoldGrain>(_id.ToString());

        Assert.Equal(ErrorCodes.HoldNotOpen, (await grain.CommitAsync(Plans.Settle(_id, "settle")).Within()).ToResult().Error?.Code);
        var refused = await grain.CommitAsync(Plans.Settle(_id, "settle-again")).Within();

        Assert.Contains("released", refused.ToResult().Error!.Message, StringComparison.Ordinal);
        Assert.Equal([["settle"]], silo.Journal.Batches);
    }

    [Fact]
    public async Task An_unknown_hold_is_not_found()
    {
        Assert.Equal(ErrorCodes.NotFound, (await SettleAsync("settle")).ToResult().Error?.Code);
    }

    private Task<CommitAnswer> SettleAsync(string key) => _silo.Cluster.Client.GetGrain<IHoldGrain>(_id.ToString()).CommitAsync(Plans.Settle(_id, key)).Within();
}
