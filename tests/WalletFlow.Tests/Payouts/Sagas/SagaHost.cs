using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Api.Payouts.Providers;
using WalletFlow.Application.Payouts.Sagas;
using WalletFlow.ProviderSimulator;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Payouts.Sagas;

/// <summary>
/// The API in-process with the provider simulator on a loopback port, configured as two providers: <c>simulator</c>,
/// which dedupes submits by our reference, and <c>strict</c>, which does not. The saga worker is off: a test runs the
/// due steps itself (<see cref="RunAsync"/>) and moves the API's clock past each wait, so nothing sleeps. The
/// simulator's callbacks go to this API, signed with the secret it knows the providers by.
/// </summary>
internal sealed class SagaHost : IAsyncDisposable
{
    public const string Deduping = "simulator";
    public const string Strict = "strict";
    public const string Secret = "whsec-saga-tests";
    public const int MaxAttempts = 4;

    private static readonly TimeSpan ProviderTimeout = TimeSpan.FromMilliseconds(500);

    private readonly WebApplication _simulator;
    private readonly HttpClient _controls;

    private SagaHost(WebApplication simulator, HttpClient controls, WalletCoreHost api, AdjustableClock clock)
    {
        _simulator = simulator;
        _controls = controls;
        Api = api;
        Clock = clock;
    }

    public WalletCoreHost Api { get; }

    public AdjustableClock Clock { get; }

    public static async Task<SagaHost> StartAsync(PostgresFixture postgres, string owner)
    {
        WalletCoreHost? api = null;
        var simulator = SimulatorHost.Build(
            ["--urls=http://127.0.0.1:0", "--environment=Testing", "--Callbacks:Url=http://localhost/webhooks/providers/" + Deduping, "--Callbacks:Secret=" + Secret],
            services => services.AddHttpClient(CallbackSender.ClientName).ConfigurePrimaryHttpMessageHandler(() => api!.Factory.Server.CreateHandler()));
        await simulator.StartAsync();
        var address = simulator.Urls.Single();
        var clock = new AdjustableClock();
        var settings = new Dictionary<string, string> { ["PayoutSagas:WorkerEnabled"] = "false", ["PayoutSagas:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var provider in new[] { Deduping, Strict })
        {
            settings[$"PayoutProviders:{provider}:BaseAddress"] = address;
            settings[$"PayoutProviders:{provider}:Timeout"] = ProviderTimeout.ToString();
            settings[$"PayoutProviders:{provider}:RetryDelay"] = TimeSpan.FromMilliseconds(20).ToString();
            settings[$"PayoutProviders:{provider}:WebhookSecret"] = Secret;
        }

        settings[$"PayoutProviders:{Deduping}:DedupesByReference"] = "true";
        api = await WalletCoreHost.StartAsync(postgres, owner, settings, services => services.AddSingleton<TimeProvider>(clock));
        return new SagaHost(simulator, new HttpClient { BaseAddress = new Uri(address) }, api, clock);
    }

    /// <summary>A second API on the same database and clock, as a second silo would be.</summary>
    public Task<WalletCoreHost> StartBesideAsync() => Api.StartBesideAsync(services => services.AddSingleton<TimeProvider>(Clock));

    public PayoutSagaRunner Runner(WalletCoreHost? api = null) => (api ?? Api).Factory.Services.GetRequiredService<PayoutSagaRunner>();

    /// <summary>A hold of 30.00 USD from a wallet paid 100.00 through citi, paid out through the provider, with the simulator told how to answer for it.</summary>
    public async Task<(string Wallet, string Hold)> ReserveAsync(string provider, string behaviour, int requeries = 2, int? delayMilliseconds = null, string callbacks = "None")
    {
        var wallet = await Api.CreateWalletAsync();
        await Api.PayInAsync(wallet, "100.00");
        var reserved = await Api.PostAsync("/v1/payouts", new { walletId = wallet, amount = "30.00", currency = "USD", provider, bankId = "citi", beneficiary = "Jane Doe" });
        Assert.Equal(HttpStatusCode.Created, reserved.Status);
        var hold = reserved.Data.GetProperty("holdId").GetString()!;
        using var chosen = await _controls.PostAsJsonAsync($"simulator/behaviours/{hold}", new { behaviour, requeries, delayMilliseconds, callbacks });
        chosen.EnsureSuccessStatusCode();
        return (wallet, hold);
    }

    public async Task<string> SubmittedAsync(string provider, string behaviour, int requeries = 2, int? delayMilliseconds = null, string callbacks = "None")
    {
        var (_, hold) = await ReserveAsync(provider, behaviour, requeries, delayMilliseconds, callbacks);
        var submitted = await Api.PostAsync($"/v1/holds/{hold}/submit", new { });
        Assert.True(submitted.Status == HttpStatusCode.OK, submitted.Body.ToString());
        return hold;
    }

    /// <summary>Runs the steps due now, in this API (or another).</summary>
    public Task<int> RunAsync(WalletCoreHost? api = null) => Runner(api).RunDueAsync(TestContext.Current.CancellationToken);

    /// <summary>Runs every step the saga has, moving the clock past each wait, until it is done; the number of passes.</summary>
    public async Task<int> RunToEndAsync(string hold)
    {
        for (var pass = 1; pass <= 20; pass++)
        {
            await RunAsync();
            if ((await SagaAsync(hold)).GetProperty("step").GetString() == "done")
            {
                return pass;
            }

            Clock.Advance(TimeSpan.FromMinutes(5));
        }

        throw new InvalidOperationException($"The saga of {hold} did not end in 20 passes: {await SagaAsync(hold)}");
    }

    public async Task<JsonElement> PayoutAsync(string hold)
    {
        var payout = await Api.GetAsync($"/v1/payouts/{hold}");
        Assert.Equal(HttpStatusCode.OK, payout.Status);
        return payout.Body;
    }

    public async Task<JsonElement> SagaAsync(string hold) => (await PayoutAsync(hold)).GetProperty("saga");

    public async Task<string> StatusAsync(string hold) => (await PayoutAsync(hold)).GetProperty("hold").GetProperty("status").GetString()!;

    /// <summary>The timeline as "kind:status-or-answer" lines, oldest first.</summary>
    public async Task<List<string>> TimelineAsync(string hold) =>
    [
        .. (await PayoutAsync(hold)).GetProperty("timeline").EnumerateArray()
            .Select(entry => $"{entry.GetProperty("kind").GetString()}:{Text(entry, "status") ?? Text(entry, "answer")}"),
    ];

    /// <summary>How many times the simulator was asked to submit the reference.</summary>
    public async Task<int> SubmitsAsync(string hold) =>
        (await _controls.GetFromJsonAsync<JsonElement>($"simulator/references/{hold}")).GetProperty("submits").GetInt32();

    /// <summary>Has the simulator finish the payout now; what its callbacks were answered.</summary>
    public async Task<JsonElement> CompleteAsync(string hold, string status)
    {
        using var completed = await _controls.PostAsJsonAsync($"simulator/payouts/{hold}/complete", new { status });
        completed.EnsureSuccessStatusCode();
        return await completed.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Posts a callback signed as the provider signs them (or with the signature given, none when empty).</summary>
    public Task<CommandResponse> CallbackAsync(string provider, object body, string? signature = null) =>
        PostCallbackAsync(provider, JsonSerializer.SerializeToUtf8Bytes(body), signature);

    /// <summary>Posts these bytes as a callback, signed as the provider signs them.</summary>
    public Task<CommandResponse> SignedRawAsync(string provider, string body) => PostCallbackAsync(provider, Encoding.UTF8.GetBytes(body), signature: null);

    private async Task<CommandResponse> PostCallbackAsync(string provider, byte[] bytes, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/webhooks/providers/{provider}", UriKind.Relative)) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var header = signature ?? ProviderCallbackSignature.Sign(Secret, Clock.GetUtcNow(), bytes);
        if (header.Length > 0)
        {
            request.Headers.TryAddWithoutValidation(ProviderCallbackSignature.Header, header);
        }

        using var anonymous = Api.Factory.CreateClient();
        using var response = await anonymous.SendAsync(request);
        return await CommandResponse.ReadAsync(response);
    }

    public async ValueTask DisposeAsync()
    {
        await Api.AssertInvariantsAsync();
        await Api.DisposeAsync();
        _controls.Dispose();
        await _simulator.DisposeAsync();
    }

    private static string? Text(JsonElement entry, string property) =>
        entry.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
