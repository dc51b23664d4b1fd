using Orleans.Runtime;
using WalletFlow.Application.Commands;

namespace WalletFlow.Grains.Commands;

/// <summary>
/// A grain call while the cluster's membership changes (a silo leaving, or one restarting) can be rejected before it
/// reaches its grain, or lose its silo. The call is made again: it carries the same planned command under the same
/// claim, so it commits at most once (a second arrival is answered as a replay). After <see cref="Attempts"/> tries
/// the failure stands, and the caller hears <c>UNAVAILABLE</c> (retry with the same key).
/// </summary>
internal static class MembershipRetry
{
    public const int Attempts = 40;

    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(250);

    public static bool IsMembershipChange(Exception exception) => exception is OrleansMessageRejectionException or SiloUnavailableException;

    public static async Task<T> RunAsync<T>(Func<Task<T>> call, Action<int, Exception> retrying, TimeProvider time, TimeSpan delay, CancellationToken cancellationToken, int attempts = Attempts)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(retrying);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception exception) when (IsMembershipChange(exception) && attempt < attempts)
            {
                retrying(attempt, exception);
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }
}
