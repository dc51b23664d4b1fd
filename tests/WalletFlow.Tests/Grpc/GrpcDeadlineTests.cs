using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WalletFlow.Api.Grpc.WalletCore.Contracts;
using WalletFlow.Bench.Load;
using WalletFlow.Domain.Ids;
using IWalletStore = WalletFlow.Grains.Wallets.IWalletStore;
using Wallet = WalletFlow.Grains.Wallets.Wallet;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Grpc;

/// <summary>
/// A deadline that passes while a command runs cancels its work: the wallet store is made slow (it waits on the
/// call's token), the call ends with DEADLINE_EXCEEDED long before the store would have answered, nothing is committed,
/// and the key is still free. Also the load generator's transfer client, against the same API.
/// </summary>
public sealed class GrpcDeadlineTests(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly SlowWalletStore.Switch _slow = new();
    private GrpcApi _api = null!;

    public async ValueTask InitializeAsync() => _api = await GrpcApi.StartAsync(
        postgres,
        nameof(GrpcDeadlineTests),
        new Dictionary<string, string> { ["AUTH_TOKEN"] = WalletGrpc.Token },
        services =>
        {
            services.AddSingleton(_slow);
            var real = services.Single(service => service.ServiceType == typeof(IWalletStore));
            services.Replace(ServiceDescriptor.Singleton<IWalletStore>(provider => new SlowWalletStore((IWalletStore)ActivatorUtilities.GetServiceOrCreateInstance(provider, real.ImplementationType!), _slow)));
        });

    public ValueTask DisposeAsync() => _api.DisposeAsync();

    [Fact]
    public async Task A_deadline_passing_inside_a_command_cancels_it_and_commits_nothing()
    {
        using var client = new GrpcTransferClient(_api.GrpcAddress, WalletGrpc.Token);
        var (source, destination) = await FundedWalletsAsync();
        var request = new TransferRequest { SourceWalletId = source, DestinationWalletId = destination, AmountMinor = 500, Currency = "USD" };
        var key = WalletGrpc.NewKey();
        _slow.Delay = TimeSpan.FromSeconds(20);
        var clock = Stopwatch.StartNew();

        var expired = await client.TransferAsync(request, key, TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);

        Assert.Equal(4, expired.Status);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));
        Assert.True(_slow.Cancelled > 0, "the command's store read never saw its token cancelled");
        _slow.Delay = TimeSpan.Zero;
        var retried = await client.TransferAsync(request, key, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal((0, false), (retried.Status, retried.Replayed));
        Assert.Equal(9500, retried.Receipt!.Balances.Single(balance => balance.Account == $"wallets:{source}:available").BalanceMinor);
    }

    [Fact]
    public async Task The_transfer_client_sends_a_transfer_replays_it_and_reports_a_refusal()
    {
        using var client = new GrpcTransferClient(_api.GrpcAddress, WalletGrpc.Token);
        var (source, destination) = await FundedWalletsAsync();
        var request = new TransferRequest { SourceWalletId = source, DestinationWalletId = destination, AmountMinor = 6000, Currency = "USD" };
        var key = WalletGrpc.NewKey();

        var first = await client.TransferAsync(request, key, cancellationToken: TestContext.Current.CancellationToken);
        var again = await client.TransferAsync(request, key, cancellationToken: TestContext.Current.CancellationToken);
        var refused = await client.TransferAsync(request, WalletGrpc.NewKey(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((0, false), (first.Status, first.Replayed));
        Assert.Equal((0, true), (again.Status, again.Replayed));
        Assert.Equal(first.Receipt!.CommandId, again.Receipt!.CommandId);
        Assert.Equal(9, refused.Status);
        Assert.StartsWith("INSUFFICIENT_FUNDS: ", refused.Message, StringComparison.Ordinal);
        Assert.Null(refused.Receipt);
    }

    private async Task<(string Source, string Destination)> FundedWalletsAsync()
    {
        using var wire = _api.Client();
        async Task<string> CreateAsync() =>
            (await wire.CallAsync(PathOf("createWallet"), new CreateWalletRequest { MerchantId = "acme", Currency = "USD" }, WalletGrpc.Metadata(WalletGrpc.NewKey())))
                .Single(CreateWalletReceipt.Parser).Data.WalletId;
        var source = await CreateAsync();
        var destination = await CreateAsync();
        var paid = await wire.CallAsync(PathOf("postPayin"), new PostPayinRequest { WalletId = source, BankId = "citi", AmountMinor = 10000, Currency = "USD" }, WalletGrpc.Metadata(WalletGrpc.NewKey()));
        Assert.Equal(0, paid.Status);
        return (source, destination);
    }

    private static string PathOf(string command) => WalletGrpc.PathOf(WalletGrpc.Method(command));

    /// <summary>The real wallet store behind a delay that honours the call's token, and counts the reads it saw cancelled.</summary>
    private sealed class SlowWalletStore(IWalletStore inner, SlowWalletStore.Switch slow) : IWalletStore
    {
        public async Task<Wallet?> FindAsync(WalletId id, CancellationToken cancellationToken)
        {
            if (slow.Delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(slow.Delay, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref slow.Cancelled);
                    throw;
                }
            }

            return await inner.FindAsync(id, cancellationToken);
        }

        public Task<IReadOnlyList<Wallet>> ListAsync(MerchantId? merchant, WalletId? after, int limit, CancellationToken cancellationToken) =>
            inner.ListAsync(merchant, after, limit, cancellationToken);

        public sealed class Switch
        {
            public int Cancelled;

            public TimeSpan Delay { get; set; }
        }
    }
}
