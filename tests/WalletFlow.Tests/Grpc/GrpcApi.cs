using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Api.Grpc;
using WalletFlow.Api.Grpc.Ledger;
using WalletFlow.Ledger;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Grpc;

/// <summary>The real API on Kestrel with loopback ports of its own, its default ledger created, and the address of its gRPC endpoint.</summary>
internal sealed class GrpcApi : IAsyncDisposable
{
    private readonly ApiFactory _factory;

    private GrpcApi(ApiFactory factory) => _factory = factory;

    public Uri GrpcAddress => _factory.Services.GetRequiredService<GrpcEndpoint>().Address;

    /// <summary>The REST endpoint's address: the other one Kestrel bound.</summary>
    public Uri RestAddress =>
        new(_factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Single(address => new Uri(address).Port != GrpcAddress.Port));

    public ILedger Ledger => _factory.Services.GetRequiredService<ILedger>();

    public IServiceProvider Services => _factory.Services;

    /// <param name="connectionForApi">The connection string the API gets for the test's database (through a relay, say).</param>
    public static async Task<GrpcApi> StartAsync(
        PostgresFixture postgres,
        string owner,
        IReadOnlyDictionary<string, string>? settings = null,
        Action<IServiceCollection>? services = null,
        Func<string, string>? connectionForApi = null)
    {
        // Kestrel without a port of the test host's choosing: UseKestrel(port) makes its one URL the only endpoint, which drops the gRPC one.
        var all = new Dictionary<string, string>(settings ?? new Dictionary<string, string>()) { ["urls"] = "http://127.0.0.1:0" };
        all.TryAdd("AUTH_TOKEN", WalletGrpc.Token);
        var connectionString = await postgres.CreateDatabaseAsync(owner);
        var factory = new ApiFactory(connectionForApi?.Invoke(connectionString) ?? connectionString, all, services);
        factory.UseKestrel();
        factory.StartServer();
        var api = new GrpcApi(factory);
        Assert.True((await api.Ledger.CreateLedgerAsync(DefaultLedger.Name)).IsSuccess);
        return api;
    }

    /// <summary>A client that sends <paramref name="bearer"/> unless a call names its own <c>authorization</c>.</summary>
    public GrpcCaller Client(string? bearer = WalletGrpc.Token) => new(GrpcAddress, bearer);

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
