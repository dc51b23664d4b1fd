namespace WalletFlow.Tests.Infrastructure;

/// <summary>
/// One API on one database for every test of a class whose tests only read, or are refused, or work on wallets of their
/// own: an API per test costs two to three seconds to start, which was most of the suite's time. A class's tests run one
/// after another, so each still checks the invariants after itself.
/// </summary>
public sealed class SharedWalletCoreHost(PostgresFixture postgres) : IAsyncLifetime
{
    private static int _count;

    public WalletCoreHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Host = await WalletCoreHost.StartAsync(postgres, $"shared{Interlocked.Increment(ref _count)}");

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
