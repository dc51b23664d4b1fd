using Microsoft.Extensions.DependencyInjection;

namespace WalletFlow.Tests.Infrastructure;

/// <summary>
/// One API on one database for every test of a class whose tests only read, or are refused, or work on wallets of their
/// own: an API per test costs two to three seconds to start, which was most of the suite's time. A class's tests run one
/// after another, so each still checks the invariants after itself, and may compare counts and balances before and
/// after its own commands. A class whose API needs settings or services of its own (rates, a clock it moves) takes a
/// subclass that overrides <see cref="Settings"/> or <see cref="ConfigureServices"/>.
/// </summary>
public class SharedWalletCoreHost(PostgresFixture postgres) : IAsyncLifetime
{
    private static int _count;

    public WalletCoreHost Host { get; private set; } = null!;

    /// <summary>Settings of the API on top of the test defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string>? Settings => null;

    public async ValueTask InitializeAsync() => Host = await StartOwnAsync("shared");

    /// <summary>
    /// A new API on a new database with the same settings and services, for the one test of a class that cannot share
    /// <see cref="Host"/>: it switches off a scope that every later test would find switched off, or needs a desk or pool
    /// account that no earlier test has funded. Its test disposes it.
    /// </summary>
    public Task<WalletCoreHost> StartOwnAsync(string owner) =>
        WalletCoreHost.StartAsync(postgres, $"{owner}{Interlocked.Increment(ref _count)}", Settings, ConfigureServices);

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    /// <summary>Services of the API replaced on top of the test defaults.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }
}
