using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WalletFlow.Api.Payouts.Providers;
using WalletFlow.Application.Payouts.Providers;
using WalletFlow.ProviderSimulator;
using WalletFlow.ServiceDefaults;

namespace WalletFlow.Tests.Payouts.Providers;

/// <summary>
/// The HTTP provider adapter against the provider simulator, a real server on a loopback port, through the same
/// registration the API uses (named clients with the service defaults' standard resilience): every behaviour of the
/// simulator is read as the answer it must be, and whatever cannot be read is ambiguous, never failed.
/// </summary>
public sealed class HttpPayoutProviderTests : IAsyncLifetime
{
    private static readonly TimeSpan ProviderTimeout = TimeSpan.FromSeconds(1);

    private WebApplication _simulator = null!;
    private IHost _api = null!;
    private HttpClient _controls = null!;

    public async ValueTask InitializeAsync()
    {
        _simulator = SimulatorHost.Build(["--urls=http://127.0.0.1:0", "--environment=Testing"]);
        await _simulator.StartAsync();
        var address = new Uri(_simulator.Urls.Single());
        _controls = new HttpClient { BaseAddress = address };

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.AddServiceDefaults("payout-provider-tests");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PayoutProviders:simulator:BaseAddress"] = address.ToString(),
            ["PayoutProviders:simulator:Timeout"] = ProviderTimeout.ToString(),
            ["PayoutProviders:deduping:BaseAddress"] = address.ToString(),
            ["PayoutProviders:deduping:Timeout"] = ProviderTimeout.ToString(),
            ["PayoutProviders:deduping:DedupesByReference"] = "true",
            ["PayoutProviders:deduping:RetryDelay"] = TimeSpan.FromMilliseconds(20).ToString(),
            ["PayoutProviders:unreachable:BaseAddress"] = $"http://127.0.0.1:{FreePort()}/",
            ["PayoutProviders:unreachable:Timeout"] = ProviderTimeout.ToString(),
        });
        builder.Services.AddPayoutProviders(builder.Configuration);
        _api = builder.Build();
    }

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        _controls.Dispose();
        await _simulator.DisposeAsync();
    }

    public static TheoryData<string, ProviderAnswerKind, string?> ImmediateAnswers() => new()
    {
        { "Paid", ProviderAnswerKind.Paid, null },
        { "Failed", ProviderAnswerKind.Failed, SimulatedPayout.FailureReason },
        { "Slow", ProviderAnswerKind.Paid, null },
        { "PaidAfterRequeries", ProviderAnswerKind.Pending, null },
    };

    [Theory]
    [MemberData(nameof(ImmediateAnswers))]
    public async Task A_readable_answer_to_a_submit_is_what_the_provider_said(string behaviour, ProviderAnswerKind kind, string? detail)
    {
        var reference = await ChooseAsync(behaviour, delayMilliseconds: 100);

        var answer = await Provider("simulator").SubmitAsync(Payout(reference), TestContext.Current.CancellationToken);

        Assert.Equal(new ProviderAnswer(kind, detail), answer);
    }

    [Theory]
    [InlineData("PaidAfterRequeries", ProviderAnswerKind.Paid)]
    [InlineData("FailedAfterRequeries", ProviderAnswerKind.Failed)]
    public async Task A_pending_payout_settles_into_its_outcome_after_its_requeries(string behaviour, ProviderAnswerKind outcome)
    {
        var reference = await ChooseAsync(behaviour, requeries: 2);
        var provider = Provider("simulator");

        var submitted = await provider.SubmitAsync(Payout(reference), TestContext.Current.CancellationToken);
        var first = await provider.RequeryAsync(reference, TestContext.Current.CancellationToken);
        var second = await provider.RequeryAsync(reference, TestContext.Current.CancellationToken);

        Assert.Equal([ProviderAnswerKind.Pending, ProviderAnswerKind.Pending, outcome], new[] { submitted.Kind, first.Kind, second.Kind });
    }

    [Theory]
    [InlineData("BadGateway", "the provider answered 502")]
    [InlineData("Garbage", "the provider's answer (200) is not readable")]
    [InlineData("Timeout", "no answer in time")]
    public async Task An_unreadable_submit_is_ambiguous_and_a_requery_finds_the_payout_the_provider_made(string behaviour, string cause)
    {
        var reference = await ChooseAsync(behaviour, delayMilliseconds: 5_000);
        var provider = Provider("simulator");

        var submitted = await provider.SubmitAsync(Payout(reference), TestContext.Current.CancellationToken);
        var requeried = await provider.RequeryAsync(reference, TestContext.Current.CancellationToken);

        Assert.Equal(ProviderAnswer.Ambiguous(cause), submitted);
        Assert.Equal(ProviderAnswer.Paid, requeried);
        Assert.Equal(1, await SubmitsAsync(reference));
    }

    [Fact]
    public async Task A_provider_that_never_answers_is_ambiguous_and_a_requery_says_it_never_got_the_payout()
    {
        var reference = await ChooseAsync("NeverAnswers");
        var provider = Provider("simulator");

        var submitted = await provider.SubmitAsync(Payout(reference), TestContext.Current.CancellationToken);
        var requeried = await provider.RequeryAsync(reference, TestContext.Current.CancellationToken);

        Assert.Equal(ProviderAnswerKind.Ambiguous, submitted.Kind);
        Assert.Equal(ProviderAnswer.NotFound, requeried);
    }

    [Fact]
    public async Task A_submit_is_retried_only_by_a_provider_that_dedupes_by_reference()
    {
        var once = await ChooseAsync("BadGateway");
        var retried = await ChooseAsync("BadGateway");

        await Provider("simulator").SubmitAsync(Payout(once), TestContext.Current.CancellationToken);
        await Provider("deduping").SubmitAsync(Payout(retried), TestContext.Current.CancellationToken);

        Assert.Equal(1, await SubmitsAsync(once));
        // The first submit and the standard handler's three retries, each answered 502 again.
        Assert.Equal(4, await SubmitsAsync(retried));
    }

    [Fact]
    public async Task The_same_reference_submitted_again_is_the_same_payout_and_another_payout_under_it_is_ambiguous()
    {
        var reference = await ChooseAsync("Paid");
        var provider = Provider("simulator");

        var first = await provider.SubmitAsync(Payout(reference), TestContext.Current.CancellationToken);
        var again = await provider.SubmitAsync(Payout(reference), TestContext.Current.CancellationToken);
        var other = await provider.SubmitAsync(Payout(reference) with { AmountMinor = 999 }, TestContext.Current.CancellationToken);

        Assert.Equal((ProviderAnswer.Paid, ProviderAnswer.Paid), (first, again));
        Assert.Equal(ProviderAnswer.Ambiguous("the provider holds another payout under this reference"), other);
    }

    [Fact]
    public async Task A_requery_for_a_reference_the_provider_never_saw_is_not_found()
    {
        var answer = await Provider("simulator").RequeryAsync($"po_{Guid.NewGuid():N}", TestContext.Current.CancellationToken);

        Assert.Equal(ProviderAnswer.NotFound, answer);
    }

    [Fact]
    public async Task A_provider_nobody_listens_for_is_ambiguous()
    {
        var answer = await Provider("unreachable").SubmitAsync(Payout($"po_{Guid.NewGuid():N}"), TestContext.Current.CancellationToken);

        Assert.Equal(ProviderAnswerKind.Ambiguous, answer.Kind);
        Assert.StartsWith("the connection failed", answer.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_callers_own_cancellation_is_not_an_answer()
    {
        var reference = await ChooseAsync("NeverAnswers");
        using var cancelled = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Provider("simulator").SubmitAsync(Payout(reference), cancelled.Token));
    }

    [Fact]
    public void Providers_are_found_by_their_configured_name_only()
    {
        var providers = _api.Services.GetRequiredService<IPayoutProviders>();

        Assert.Equal(["deduping", "simulator", "unreachable"], providers.Names.Order(StringComparer.Ordinal));
        Assert.Null(providers.Find("stripe"));
        Assert.True(providers.Find("deduping")!.DedupesByReference);
        Assert.False(providers.Find("simulator")!.DedupesByReference);
    }

    private IPayoutProvider Provider(string name) => _api.Services.GetRequiredService<IPayoutProviders>().Find(name)!;

    private static PayoutSubmission Payout(string reference) => new(reference, 25_000, "NGN", "Ada Obi");

    private async Task<string> ChooseAsync(string behaviour, int? requeries = null, int? delayMilliseconds = null)
    {
        var reference = $"po_{Guid.NewGuid():N}";
        var response = await _controls.PostAsJsonAsync($"simulator/behaviours/{reference}", new { behaviour, requeries, delayMilliseconds }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        return reference;
    }

    private async Task<int> SubmitsAsync(string reference)
    {
        var state = await _controls.GetFromJsonAsync<ReferenceState>($"simulator/references/{reference}", TestContext.Current.CancellationToken);
        return state!.Submits;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record ReferenceState(string Reference, int Submits);
}
