using System.Collections.Concurrent;
using System.Net;

namespace WalletFlow.Access;

/// <summary>
/// Slows down guessing at the console's sign-in: after <see cref="FreeFailures"/> failed attempts from one address within
/// <see cref="Window"/>, that address is locked out, for <see cref="FirstLockout"/> and twice as long at every further
/// failure (at most <see cref="LongestLockout"/>). A success clears the address. Kept per process: an attacker spread
/// over several API replicas gets each replica's allowance, which still caps guesses at a handful per minute.
/// </summary>
public sealed class SignInThrottle(TimeProvider time)
{
    public const int FreeFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan FirstLockout = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan LongestLockout = TimeSpan.FromMinutes(30);

    /// <summary>Addresses are forgotten once their window has passed; the map never holds more than this many.</summary>
    private const int MaxTracked = 10_000;

    private readonly ConcurrentDictionary<IPAddress, Attempts> _attempts = new();

    /// <summary>How long <paramref name="address"/> must still wait before it may try again; zero when it may try now.</summary>
    public TimeSpan RetryAfter(IPAddress? address)
    {
        var now = time.GetUtcNow();
        return _attempts.TryGetValue(Normalize(address), out var attempts) && attempts.LockedUntil > now
            ? attempts.LockedUntil - now
            : TimeSpan.Zero;
    }

    public void Failed(IPAddress? address)
    {
        var now = time.GetUtcNow();
        if (_attempts.Count >= MaxTracked)
        {
            Forget(now);
        }

        _attempts.AddOrUpdate(
            Normalize(address),
            _ => new Attempts(1, now, DateTimeOffset.MinValue),
            (_, previous) =>
            {
                var failures = now - previous.FirstFailure > Window && previous.LockedUntil <= now ? 1 : previous.Failures + 1;
                var first = failures == 1 ? now : previous.FirstFailure;
                return new Attempts(failures, first, failures >= FreeFailures ? now + Lockout(failures - FreeFailures + 1) : DateTimeOffset.MinValue);
            });
    }

    public void Succeeded(IPAddress? address) => _attempts.TryRemove(Normalize(address), out _);

    private static TimeSpan Lockout(int excess) =>
        TimeSpan.FromTicks(Math.Min(LongestLockout.Ticks, FirstLockout.Ticks << Math.Min(excess - 1, 16)));

    /// <summary>An unknown peer (no socket address, e.g. an in-memory host) shares one bucket rather than escaping the throttle.</summary>
    private static IPAddress Normalize(IPAddress? address) =>
        address is null ? IPAddress.None : address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private void Forget(DateTimeOffset now)
    {
        foreach (var (address, attempts) in _attempts)
        {
            if (now - attempts.FirstFailure > Window && attempts.LockedUntil <= now)
            {
                _attempts.TryRemove(address, out _);
            }
        }
    }

    private sealed record Attempts(int Failures, DateTimeOffset FirstFailure, DateTimeOffset LockedUntil);
}
