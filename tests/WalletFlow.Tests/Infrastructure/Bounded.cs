namespace WalletFlow.Tests.Infrastructure;

/// <summary>Every wait in these tests is bounded: a bug fails the test instead of hanging the run.</summary>
internal static class Bounded
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    public static Task Within(this Task task) => task.WaitAsync(Limit, TestContext.Current.CancellationToken);

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Limit, TestContext.Current.CancellationToken);

    /// <summary>Polls a condition that comes without a signal of its own (a grain's queue filling up), within <see cref="Limit"/>.</summary>
    public static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
