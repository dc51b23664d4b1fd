namespace WalletFlow.Tests.Infrastructure;

/// <summary>Every wait in these tests is bounded: a bug fails the test instead of hanging the run.</summary>
internal static class Bounded
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    public static Task Within(this Task task) => task.WaitAsync(Limit, TestContext.Current.CancellationToken);

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Limit, TestContext.Current.CancellationToken);

    /// <summary>
    /// Reads, again and again, a state that changes without a signal of its own (a health check, a figure sampled every
    /// second, a cluster's membership) until <paramref name="done"/> holds, within <paramref name="limit"/>; the answer that did.
    /// </summary>
    public static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan limit, string awaited, Func<T, string>? describe = null)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var answer = await read();
            if (done(answer))
            {
                return answer;
            }

            if (DateTime.UtcNow >= deadline)
            {
                Assert.Fail($"{awaited} did not happen within {limit}; the last answer: {(describe is null ? answer?.ToString() : describe(answer))}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
        }
    }

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
