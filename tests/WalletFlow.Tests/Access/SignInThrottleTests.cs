using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Access;
using WalletFlow.Tests.Console;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Access;

public sealed class SignInThrottleTests(PostgresFixture postgres)
{
    private static readonly IPAddress Guesser = IPAddress.Parse("203.0.113.7");
    private static readonly IPAddress Colleague = IPAddress.Parse("203.0.113.8");

    [Fact]
    public void An_address_is_locked_out_after_its_free_failures_and_for_longer_each_time_it_fails_again()
    {
        var clock = new AdjustableClock();
        var throttle = new SignInThrottle(clock);

        for (var i = 1; i < SignInThrottle.FreeFailures; i++)
        {
            throttle.Failed(Guesser);
            Assert.Equal(TimeSpan.Zero, throttle.RetryAfter(Guesser));
        }

        throttle.Failed(Guesser);
        var first = throttle.RetryAfter(Guesser);
        clock.Advance(first);
        throttle.Failed(Guesser);
        var second = throttle.RetryAfter(Guesser);

        Assert.InRange(first, SignInThrottle.FirstLockout - TimeSpan.FromSeconds(1), SignInThrottle.FirstLockout);
        Assert.InRange(second, 2 * SignInThrottle.FirstLockout - TimeSpan.FromSeconds(1), 2 * SignInThrottle.FirstLockout);
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter(Colleague));
    }

    [Fact]
    public void Failures_older_than_the_window_are_forgotten_and_a_success_clears_the_address()
    {
        var clock = new AdjustableClock();
        var throttle = new SignInThrottle(clock);
        for (var i = 1; i < SignInThrottle.FreeFailures; i++)
        {
            throttle.Failed(Guesser);
        }

        clock.Advance(SignInThrottle.Window + TimeSpan.FromSeconds(1));
        throttle.Failed(Guesser);
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter(Guesser));

        for (var i = 1; i < SignInThrottle.FreeFailures; i++)
        {
            throttle.Failed(Colleague);
        }

        throttle.Succeeded(Colleague);
        throttle.Failed(Colleague);
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter(Colleague));
    }

    [Fact]
    public void The_longest_lockout_is_capped()
    {
        var clock = new AdjustableClock();
        var throttle = new SignInThrottle(clock);

        for (var i = 0; i < 40; i++)
        {
            throttle.Failed(Guesser);
        }

        Assert.InRange(throttle.RetryAfter(Guesser), TimeSpan.Zero, SignInThrottle.LongestLockout);
    }

    [Fact]
    public async Task Repeated_failed_sign_ins_answer_429_with_Retry_After_even_for_the_right_token_until_the_lockout_ends()
    {
        var clock = new AdjustableClock();
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(SignInThrottleTests), ConsoleClient.TokenSettings,
            services => services.AddSingleton<TimeProvider>(clock));
        var console = new ConsoleClient(api);
        for (var i = 0; i < SignInThrottle.FreeFailures; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await console.SignInAsync("guess-" + i)).StatusCode);
        }

        var locked = await console.SignInAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        var retryAfter = int.Parse(locked.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, (int)SignInThrottle.FirstLockout.TotalSeconds);
        var problem = await CommandResponse.ReadAsync(locked);
        Assert.Equal("TOO_MANY_ATTEMPTS", problem.Code);
        Assert.DoesNotContain(locked.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], header => header.StartsWith(".walletflow.ops.session=", StringComparison.Ordinal));

        clock.Advance(TimeSpan.FromSeconds(retryAfter));
        var signedIn = await console.SignInAsync();

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/ops", signedIn.Headers.Location?.OriginalString);
    }
}
