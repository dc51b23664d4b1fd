using Orleans.Runtime;
using WalletFlow.Application.Commands;
using WalletFlow.Grains.Commands;

namespace WalletFlow.Tests.Grains.Commands;

public sealed class MembershipRetryTests
{
    [Fact]
    public async Task A_call_that_lost_its_silo_during_a_membership_change_is_made_again_until_it_is_answered()
    {
        var calls = 0;
        var retries = new List<int>();

        var answer = await MembershipRetry.RunAsync(
            () => ++calls < 3 ? throw new SiloUnavailableException() : Task.FromResult("committed"),
            (attempt, _) => retries.Add(attempt), TimeProvider.System, TimeSpan.Zero, TestContext.Current.CancellationToken);

        Assert.Equal(("committed", 3), (answer, calls));
        Assert.Equal([1, 2], retries);
    }

    [Fact]
    public async Task A_silo_that_stays_unavailable_fails_the_call_after_the_last_attempt()
    {
        var calls = 0;

        await Assert.ThrowsAsync<SiloUnavailableException>(() => MembershipRetry.RunAsync<string>(
            () => { calls++; throw new SiloUnavailableException(); }, (_, _) => { }, TimeProvider.System, TimeSpan.Zero, TestContext.Current.CancellationToken, attempts: 5));

        Assert.Equal(5, calls);
    }

    [Fact]
    public async Task Any_other_failure_is_not_retried()
    {
        var calls = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => MembershipRetry.RunAsync<string>(
            () => { calls++; throw new InvalidOperationException("a bug"); }, (_, _) => { }, TimeProvider.System, TimeSpan.Zero, TestContext.Current.CancellationToken));

        Assert.Equal(1, calls);
    }
}
