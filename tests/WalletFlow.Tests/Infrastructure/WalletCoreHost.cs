using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WalletFlow.Application.Outbox;

namespace WalletFlow.Tests.Infrastructure;

/// <summary>
/// The real API in-process on a fresh database, with a REST client that carries the operator token, helpers for the
/// commands most scenarios start with, and the invariants of DESIGN.md to check after every scenario.
/// </summary>
public sealed class WalletCoreHost : IAsyncDisposable
{
    public const string Token = "wallet-core-test-token";

    private int _keys;
    private int _slugs;

    private readonly string _connectionString;
    private readonly IReadOnlyDictionary<string, string> _settings;

    private WalletCoreHost(ApiFactory factory, string connectionString, IReadOnlyDictionary<string, string> settings)
    {
        _connectionString = connectionString;
        _settings = settings;
        Factory = factory;
        Database = NpgsqlDataSource.Create(connectionString);
        Client = factory.CreateClient();
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public ApiFactory Factory { get; }

    public HttpClient Client { get; }

    public NpgsqlDataSource Database { get; }

    /// <param name="connectionForApi">The connection string the API gets for the test's database (through a relay, say); the test's own checks connect directly.</param>
    public static async Task<WalletCoreHost> StartAsync(
        PostgresFixture postgres,
        string owner,
        IReadOnlyDictionary<string, string>? settings = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null,
        Func<string, string>? connectionForApi = null)
    {
        var connectionString = await postgres.CreateDatabaseAsync(owner);
        var all = new Dictionary<string, string>(settings ?? new Dictionary<string, string>()) { ["AUTH_TOKEN"] = Token };
        var host = new WalletCoreHost(new ApiFactory(connectionForApi?.Invoke(connectionString) ?? connectionString, all, services), connectionString, all);
        await host.Client.GetAsync(new Uri("/health", UriKind.Relative));
        return host;
    }

    /// <summary>
    /// A second API on this host's database with the same settings, whose silo forms a cluster of its own (localhost
    /// clustering): every grain then has an activation in each, as two silos may briefly both hold one during a
    /// membership change.
    /// </summary>
    public async Task<WalletCoreHost> StartBesideAsync(Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var host = new WalletCoreHost(new ApiFactory(_connectionString, _settings, services), _connectionString, _settings);
        await host.Client.GetAsync(new Uri("/health", UriKind.Relative));
        return host;
    }

    public string NewKey() => $"key-{Interlocked.Increment(ref _keys)}-{Guid.NewGuid():N}";

    /// <summary>
    /// A bank, network or counterparty id no other test of this host uses (<c>citi-3</c>): on a host a class's tests share,
    /// an account a test needs empty, or holding exactly what it put in, must be its own.
    /// </summary>
    public string NewSlug(string name) => $"{name}-{Interlocked.Increment(ref _slugs)}";

    public async Task<CommandResponse> PostAsync(string route, object body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(route, UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key ?? NewKey());
        using var response = await Client.SendAsync(request);
        return await CommandResponse.ReadAsync(response);
    }

    public async Task<CommandResponse> GetAsync(string route)
    {
        using var response = await Client.GetAsync(new Uri(route, UriKind.Relative));
        return await CommandResponse.ReadAsync(response);
    }

    /// <summary>A new active wallet; its id.</summary>
    public async Task<string> CreateWalletAsync(string currency = "USD", string merchant = "acme")
    {
        var created = await PostAsync("/v1/wallets", new { merchantId = merchant, currency });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        return created.Data.GetProperty("walletId").GetString()!;
    }

    /// <summary>Pays <paramref name="amount"/> into the wallet through a bank, as a partner's collection would.</summary>
    public async Task PayInAsync(string walletId, string amount, string currency = "USD", string bank = "citi")
    {
        var paid = await PostAsync("/v1/payins", new { walletId, bankId = bank, amount, currency });
        Assert.Equal(HttpStatusCode.Created, paid.Status);
    }

    public async Task<JsonElement> BalancesAsync(string walletId)
    {
        var balances = await GetAsync($"/v1/wallets/{walletId}/balances");
        Assert.Equal(HttpStatusCode.OK, balances.Status);
        return balances.Body;
    }

    public async Task<string> AvailableAsync(string walletId) => (await BalancesAsync(walletId)).GetProperty("available").GetString()!;

    public Task AssertInvariantsAsync() => WalletCoreInvariants.AssertHoldAsync(Factory.Services);

    /// <summary>Publishes every outbox event, as the relay worker (off in tests) would: the statements catch up with the ledger.</summary>
    public Task CatchUpAsync() => Factory.Services.GetRequiredService<OutboxRelay>().DrainAsync(TestContext.Current.CancellationToken);

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = Database.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>How many transactions the wallet core's ledger holds: a rejection must leave it where it was.</summary>
    public Task<long> LedgerTransactionCountAsync() => ScalarAsync<long>("select count(*) from ledger.transactions where ledger = 'main'");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>An API answer: its status, its JSON body, and whether it was a replay.</summary>
public sealed record CommandResponse(HttpStatusCode Status, JsonElement Body, bool Replayed, string? ContentType)
{
    /// <summary>A receipt's command data.</summary>
    public JsonElement Data => Body.GetProperty("data");

    /// <summary>A problem's stable code.</summary>
    public string? Code => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("code", out var code) ? code.GetString() : null;

    public string? Field => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("field", out var value) ? value.GetString() : null;

    public static async Task<CommandResponse> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        var replayed = response.Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Single() == "true";
        return new CommandResponse(response.StatusCode, body, replayed, response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Asserts a problem+json rejection with this status and code.</summary>
    public CommandResponse AssertRejected(HttpStatusCode status, string code)
    {
        Assert.True(Status == status && Code == code, $"Expected {(int)status} {code}, got {(int)Status} {Body}");
        Assert.Equal("application/problem+json", ContentType);
        return this;
    }
}
