using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Runtime;
using WalletFlow.Application.Commands;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;
using WalletFlow.Grains.Commands;
using WalletFlow.Grains.Wallets;

namespace WalletFlow.Tests.Grains.Commands;

public sealed class GrainCommitterTests
{
    [Fact]
    public async Task A_command_whose_grain_stays_unreachable_is_answered_unavailable_after_every_retry()
    {
        var silo = new LostSilo();
        var journal = new ScriptedJournal();
        var committer = new GrainCommitter(silo.Factory, journal, new NoWaiting(), NullLogger<GrainCommitter>.Instance);
        var transfer = Plans.Transfer("lost-silo");
        var inWallet = transfer with { Plan = transfer.Plan with { Partition = new CommandPartition.Wallet(WalletId.New(TimeProvider.System)) } };

        var answer = await committer.CommitAsync(inWallet, TestContext.Current.CancellationToken);

        Assert.Equal(ErrorCodes.Unavailable, answer.Error?.Code);
        Assert.Equal(MembershipRetry.Attempts, silo.Calls);
        Assert.Empty(journal.Batches);
    }

    [Fact]
    public async Task A_command_the_database_alone_serializes_goes_straight_to_the_journal_without_a_grain()
    {
        var silo = new LostSilo();
        var journal = new ScriptedJournal();
        var committer = new GrainCommitter(silo.Factory, journal, new NoWaiting(), NullLogger<GrainCommitter>.Instance);

        var answer = await committer.CommitAsync(Plans.Transfer("direct"), TestContext.Current.CancellationToken);

        Assert.True(answer.IsSuccess, answer.Error?.ToString());
        Assert.Equal(0, silo.Calls);
        Assert.Equal([["direct"]], journal.Batches);
    }

    /// <summary>A cluster in which every wallet grain's silo is gone: each call is rejected as Orleans rejects it then.</summary>
    private sealed class LostSilo
    {
        private int _calls;

        public LostSilo() => Factory = Proxy<IGrainFactory>.Of(_ => Proxy<IWalletGrain>.Of(_ =>
        {
            Interlocked.Increment(ref _calls);
            return Task.FromException<CommitAnswer>(new SiloUnavailableException());
        }));

        public IGrainFactory Factory { get; }

        public int Calls => Volatile.Read(ref _calls);
    }

    /// <summary>An interface every method of which answers <c>answer</c>: enough for the one call each side makes.</summary>
    private class Proxy<T> : DispatchProxy
        where T : class
    {
        private Func<object?[]?, object?> _answer = null!;

        public static T Of(Func<object?[]?, object?> answer)
        {
            var proxy = Create<T, Proxy<T>>();
            ((Proxy<T>)(object)proxy)._answer = answer;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => _answer(args);
    }

    /// <summary>Retries without waiting: timers fire at once.</summary>
    private sealed class NoWaiting : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            System.CreateTimer(callback, state, TimeSpan.Zero, period);
    }
}
