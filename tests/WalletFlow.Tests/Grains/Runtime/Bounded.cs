namespace WalletFlow.Tests.Grains.Runtime;

/// <summary>Every wait in these tests is bounded: a runtime bug fails the test instead of hanging the run.</summary>
internal static class Bounded
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    public static Task Within(this Task task) => task.WaitAsync(Limit, TestContext.Current.CancellationToken);

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Limit, TestContext.Current.CancellationToken);
}
