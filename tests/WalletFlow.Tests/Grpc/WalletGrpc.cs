using Microsoft.Extensions.DependencyInjection;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using WalletFlow.Api.Grpc.Commands;
using WalletFlow.Api.Grpc.Ledger;
using WalletFlow.Api.Grpc.WalletCore.Contracts;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Outbox;
using WalletFlow.Domain.Money;
using MoneyValue = WalletFlow.Domain.Money.Money;
using WalletFlow.Ledger;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Grpc;

/// <summary>
/// The API with an operator token and its gRPC port on a real socket, and a wire client that calls the wallet core's
/// generated services: commands by registry name, reads by method name, with the metadata each call needs.
/// </summary>
public sealed class WalletGrpc(PostgresFixture postgres) : IAsyncLifetime
{
    public const string Token = "grpc-wallet-test-token";

    private static readonly string ReadsService = global::WalletFlow.Api.Grpc.WalletCore.Contracts.WalletReads.Descriptor.FullName;

    /// <summary>The payout provider this API is configured with.</summary>
    public const string Provider = "simulator";

    private GrpcApi _api = null!;
    private GrpcCaller _client = null!;

    internal GrpcApi Api => _api;

    internal GrpcCaller Client => _client;

    public async ValueTask InitializeAsync()
    {
        _api = await GrpcApi.StartAsync(postgres, nameof(WalletGrpc), new Dictionary<string, string>
        {
            ["AUTH_TOKEN"] = Token,
            // A configured provider, so a payout can be submitted; no saga worker runs in a test's API, so nothing calls it.
            [$"PayoutProviders:{Provider}:BaseAddress"] = "http://127.0.0.1:9/",
        });
        // Every call states its own authorization (or its absence).
        _client = _api.Client(bearer: null);
    }

    /// <summary>After every test of the class (money moved over gRPC), the books must still balance and agree with the wallet core.</summary>
    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        try
        {
            var database = _api.Services.GetRequiredService<Npgsql.NpgsqlDataSource>();
            await LedgerInvariants.AssertHoldAsync(database, DefaultLedger.Name);
            await WalletCoreInvariants.AssertHoldAsync(_api.Services, DefaultLedger.Name);
        }
        finally
        {
            await _api.DisposeAsync();
        }
    }

    public static string NewKey() => $"grpc-{Guid.NewGuid():N}";

    /// <summary>Publishes every outbox event, as the relay worker (off in tests) would: the statements catch up with the ledger.</summary>
    public Task CatchUpAsync() => _api.Services.GetRequiredService<OutboxRelay>().DrainAsync(TestContext.Current.CancellationToken);

    /// <summary>Runs the reconciliation gates in the API, as an operator does over REST; the run's id.</summary>
    public async Task<string> RunReconciliationAsync() =>
        (await _api.Services.GetRequiredService<WalletFlow.Application.Reconciliation.ReconciliationRunner>()
            .RunAsync(WalletFlow.Application.Reconciliation.RunTrigger.Operator, "grpc-test", TestContext.Current.CancellationToken)).Value.RunId;

    public static MethodDescriptor Method(string command) => CommandGrpcMethods.Get(CommandRegistry.Find(command) ?? throw new ArgumentException($"No command {command}.", nameof(command)));

    public static string PathOf(MethodDescriptor method) => $"/{method.Service.FullName}/{method.Name}";

    public static Dictionary<string, string> Metadata(string? key, string? token = Token, string? timeout = null)
    {
        var metadata = new Dictionary<string, string>();
        if (key is not null)
        {
            metadata["idempotency-key"] = key;
        }

        if (token is not null)
        {
            metadata["authorization"] = $"Bearer {token}";
        }

        if (timeout is not null)
        {
            metadata["grpc-timeout"] = timeout;
        }

        return metadata;
    }

    /// <summary>A command over gRPC; a new key unless one is given.</summary>
    internal Task<GrpcReply> CommandAsync(string command, IMessage request, string? key = null, string? token = Token, string? timeout = null) =>
        _client.CallAsync(PathOf(Method(command)), request, Metadata(key ?? NewKey(), token, timeout));

    /// <summary>A command that must succeed; its receipt.</summary>
    internal async Task<TReceipt> SucceedAsync<TReceipt>(string command, IMessage request, string? key = null)
        where TReceipt : IMessage<TReceipt>, new()
    {
        var reply = await CommandAsync(command, request, key);
        Assert.True(reply.Status == 0, $"{command} answered {reply.Status} {reply.Message}");
        return reply.Single(new MessageParser<TReceipt>(() => new TReceipt()));
    }

    /// <summary>A command whose request is written as its JSON (protobuf's JSON mapping, the REST body's names), which must succeed; its receipt as JSON.</summary>
    internal async Task<System.Text.Json.JsonElement> SucceedJsonAsync(string command, string json)
    {
        var method = Method(command);
        var reply = await CommandAsync(command, JsonParser.Default.Parse(json, method.InputType));
        Assert.True(reply.Status == 0, $"{command} answered {reply.Status} {reply.Message}");
        var receipt = method.OutputType.Parser.ParseFrom(Assert.Single(reply.Messages));
        return System.Text.Json.JsonDocument.Parse(JsonFormatter.Default.Format(receipt)).RootElement.Clone();
    }

    internal Task<GrpcReply> ReadAsync(string method, IMessage query, string? token = Token, string? timeout = null, Func<Task>? afterHeaders = null) =>
        _client.CallAsync($"/{ReadsService}/{method}", query, Metadata(null, token, timeout), afterHeaders);

    internal async Task<T> ReadOkAsync<T>(string method, IMessage query)
        where T : IMessage<T>, new()
    {
        var reply = await ReadAsync(method, query);
        Assert.True(reply.Status == 0, $"{method} answered {reply.Status} {reply.Message}");
        return reply.Single(new MessageParser<T>(() => new T()));
    }

    public async Task<string> CreateWalletAsync(string currency = "USD", string merchant = "acme") =>
        (await SucceedAsync<CreateWalletReceipt>("createWallet", new CreateWalletRequest { MerchantId = merchant, Currency = currency })).Data.WalletId;

    public async Task<PostPayinReceipt> PayInAsync(string walletId, string amount, string currency = "USD") =>
        await SucceedAsync<PostPayinReceipt>("postPayin", new PostPayinRequest { WalletId = walletId, BankId = "citi", AmountMinor = MoneyValue.Parse(amount, currency).Value.Minor, Currency = currency });

    public async Task<string> AvailableAsync(string walletId)
    {
        var balances = await ReadOkAsync<BalancesData>("GetBalances", new GetBalancesQuery { WalletId = walletId });
        return new MoneyValue(balances.AvailableMinor, Currency.Find(balances.Currency).Value).ToDecimalString();
    }

    /// <summary>Funds a treasury account as a bank funding does (world to the account and to what it funds), for what no command can do.</summary>
    public async Task FundAsync(string account, string funding, long minor, string asset)
    {
        var ledger = _api.Ledger;
        var posted = await ledger.PostAsync(DefaultLedger.Name, TransactionRequest.FromPostings(new Posting("world", account, minor, asset), new Posting("world", funding, minor, asset))
            with { Metadata = new Dictionary<string, string> { ["event_type"] = "bank_funding" } });
        Assert.True(posted.IsSuccess, posted.Error?.ToString());
    }
}
