extern alias client;

using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WalletFlow.Api.Grpc;
using client::WalletFlow.Api.Grpc.WalletCore.Contracts;
using WalletFlow.Bench.Load;
using WalletFlow.Domain.Ids;
using IWalletStore = WalletFlow.Application.Wallets.IWalletStore;
using Wallet = WalletFlow.Application.Wallets.Wallet;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Grpc;

/// <summary>
/// A deadline that passes while a command runs cancels its work: the wallet store is made slow (it waits on the
/// call's token), the call ends with DEADLINE_EXCEEDED long before the store would have answered, a store read that
/// was under way sees its token cancelled, nothing is committed, and the key is still free. Also the load generator's transfer client, against the same API.
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
        // The server answers DEADLINE_EXCEEDED before it cancels the call's token, and on a busy machine the command may
        // not have reached the store at all by then: wait for a read that was under way to see its token cancelled.
        var readCancelled = await Task.WhenAny(_slow.ReadCancelled.Task, Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken)) == _slow.ReadCancelled.Task;
        Assert.True(readCancelled || Volatile.Read(ref _slow.ReadsStarted) == 0, "a store read under way never saw its token cancelled");
        _slow.Delay = TimeSpan.Zero;
        var retried = await client.TransferAsync(request, key, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal((0, false), (retried.Status, retried.Replayed));
        Assert.Equal(9500, retried.Receipt!.Balances.Single(balance => balance.Account == $"wallets:{source}:available").BalanceMinor);
    }

    [Fact]
    public async Task A_call_arriving_with_its_deadline_already_spent_is_refused_and_commits_nothing()
    {
        using var client = new GrpcTransferClient(_api.GrpcAddress, WalletGrpc.Token);
        var (source, destination) = await FundedWalletsAsync();
        var request = new TransferRequest { SourceWalletId = source, DestinationWalletId = destination, AmountMinor = 500, Currency = "USD" };
        var key = WalletGrpc.NewKey();

        // grpc-js sends a deadline in the past as a timeout of zero; Grpc.Net.Client would not send the call at all.
        var status = await SendWithSpentDeadlineAsync(PathOf("transfer"), request, key);

        Assert.Equal("4", status);
        var retried = await client.TransferAsync(request, key, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal((0, false), (retried.Status, retried.Replayed));
        Assert.Equal(9500, retried.Receipt!.Balances.Single(balance => balance.Account == $"wallets:{source}:available").BalanceMinor);
    }

    [Theory]
    [InlineData("0m", true)]
    [InlineData("00000000S", true)]
    [InlineData("0n", true)]
    [InlineData("1n", false)]
    [InlineData("100m", false)]
    [InlineData("0", false)]
    [InlineData("0x", false)]
    [InlineData("000000000m", false)]
    [InlineData(null, false)]
    public void Only_a_well_formed_timeout_of_zero_counts_as_spent(string? timeout, bool spent) =>
        Assert.Equal(spent, ExpiredDeadlineInterceptor.IsSpent(timeout));

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

    /// <summary>A unary call over plain HTTP/2 with <c>grpc-timeout: 0m</c>; returns its <c>grpc-status</c>.</summary>
    private async Task<string?> SendWithSpentDeadlineAsync(string path, IMessage message, string key)
    {
        using var http = new HttpClient(new SocketsHttpHandler());
        var payload = message.ToByteArray();
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), payload.Length);
        payload.CopyTo(frame, 5);
        using var call = new HttpRequestMessage(HttpMethod.Post, new Uri(_api.GrpcAddress, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(frame),
        };
        call.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        call.Headers.TryAddWithoutValidation("te", "trailers");
        call.Headers.TryAddWithoutValidation("grpc-timeout", "0m");
        call.Headers.TryAddWithoutValidation("authorization", $"Bearer {WalletGrpc.Token}");
        call.Headers.TryAddWithoutValidation(IdempotencyKeyInterceptor.Metadata, key);
        using var response = await http.SendAsync(call, TestContext.Current.CancellationToken);
        await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        return (response.Headers.TryGetValues("grpc-status", out var inHeaders) ? inHeaders
            : response.TrailingHeaders.TryGetValues("grpc-status", out var inTrailers) ? inTrailers : []).SingleOrDefault();
    }

    private static string PathOf(string command) => WalletGrpc.PathOf(WalletGrpc.Method(command));

    /// <summary>The real wallet store behind a delay that honours the call's token, and counts the reads it saw cancelled.</summary>
    private sealed class SlowWalletStore(IWalletStore inner, SlowWalletStore.Switch slow) : IWalletStore
    {
        public async Task<Wallet?> FindAsync(WalletId id, CancellationToken cancellationToken)
        {
            if (slow.Delay > TimeSpan.Zero)
            {
                Interlocked.Increment(ref slow.ReadsStarted);
                try
                {
                    await Task.Delay(slow.Delay, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    slow.ReadCancelled.TrySetResult();
                    throw;
                }
            }

            return await inner.FindAsync(id, cancellationToken);
        }

        public Task<IReadOnlyList<Wallet>> ListAsync(MerchantId? merchant, WalletId? after, int limit, CancellationToken cancellationToken) =>
            inner.ListAsync(merchant, after, limit, cancellationToken);

        public sealed class Switch
        {
            public int ReadsStarted;

            public TaskCompletionSource ReadCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

            public TimeSpan Delay { get; set; }
        }
    }
}
