using System.Net;
using WalletFlow.Api.Payouts.Providers;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Payouts.Sagas;

/// <summary>
/// <c>POST /webhooks/providers/{provider}</c>: only a callback signed with the provider's secret, recently, is read;
/// anything else is refused with a precise code and changes nothing (no callback kept, the saga where it was).
/// </summary>
public sealed class ProviderCallbackTests(PostgresFixture postgres) : IAsyncLifetime
{
    private SagaHost _host = null!;
    private string _hold = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await SagaHost.StartAsync(postgres, nameof(ProviderCallbackTests));
        _hold = await _host.SubmittedAsync(SagaHost.Strict, "PaidAfterRequeries", requeries: 5);
        await _host.RunAsync();
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_signed_final_callback_is_applied_and_the_saga_settles_next()
    {
        var applied = await _host.CallbackAsync(SagaHost.Strict, new { reference = _hold, status = "paid" });

        Assert.Equal(HttpStatusCode.OK, applied.Status);
        Assert.Equal("applied", applied.Body.GetProperty("outcome").GetString());
        Assert.Equal("settle", (await _host.SagaAsync(_hold)).GetProperty("step").GetString());
        await _host.RunAsync();
        Assert.Equal("settled", await _host.StatusAsync(_hold));
    }

    [Fact]
    public async Task A_pending_callback_is_noted_and_the_saga_keeps_asking()
    {
        var noted = await _host.CallbackAsync(SagaHost.Strict, new { reference = _hold, status = "pending" });

        Assert.Equal("noted", noted.Body.GetProperty("outcome").GetString());
        Assert.Equal("requery", (await _host.SagaAsync(_hold)).GetProperty("step").GetString());
        Assert.Equal(0, await ProviderCallbacksAsync());
    }

    [Fact]
    public async Task A_callback_for_a_reference_that_is_not_ours_changes_nothing()
    {
        var strangers = await Task.WhenAll(
            _host.CallbackAsync(SagaHost.Strict, new { reference = "hold_019a0000000070008000000000000001", status = "paid" }),
            _host.CallbackAsync(SagaHost.Strict, new { reference = "po-5520", status = "paid" }),
            // Ours, but through the other provider: a provider speaks only for its own payouts.
            _host.CallbackAsync(SagaHost.Deduping, new { reference = _hold, status = "paid" }));

        Assert.All(strangers, answer => Assert.Equal("unknown_reference", answer.Body.GetProperty("outcome").GetString()));
        Assert.Equal(0, await ProviderCallbacksAsync());
        Assert.Equal("requery", (await _host.SagaAsync(_hold)).GetProperty("step").GetString());
    }

    public static TheoryData<string, string?, int, string> Refusals => new()
    {
        // what is wrong, the signature header (null: none), the status, the code
        { "no signature", null, 401, "UNAUTHORIZED" },
        { "not the format", "sha256=abc", 401, "UNAUTHORIZED" },
        { "wrong secret", "wrong-secret", 401, "UNAUTHORIZED" },
        { "not hex", "t={now},v1=zz", 401, "UNAUTHORIZED" },
        { "signed too long ago", "stale", 401, "UNAUTHORIZED" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task An_unverified_callback_is_refused_and_changes_nothing(string wrong, string? signature, int status, string code)
    {
        var body = new { reference = _hold, status = "paid" };
        var bytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(body);
        var now = _host.Clock.GetUtcNow();
        var header = signature switch
        {
            null => string.Empty,
            "wrong-secret" => ProviderCallbackSignature.Sign("not-the-secret", now, bytes),
            "stale" => ProviderCallbackSignature.Sign(SagaHost.Secret, now - TimeSpan.FromMinutes(6), bytes),
            _ => signature.Replace("{now}", now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
        };

        var refused = await _host.CallbackAsync(SagaHost.Strict, body, header);

        refused.AssertRejected((HttpStatusCode)status, code);
        Assert.False(string.IsNullOrEmpty(refused.Body.GetProperty("detail").GetString()), wrong);
        await AssertUnchangedAsync();
    }

    [Theory]
    [InlineData("""{"reference":"REF","status":"settled"}""", "status")]
    [InlineData("""{"status":"paid"}""", "reference")]
    [InlineData("""not json""", null)]
    public async Task An_unreadable_callback_is_refused_and_changes_nothing(string body, string? field)
    {
        var refused = await _host.SignedRawAsync(SagaHost.Strict, body.Replace("REF", _hold, StringComparison.Ordinal));

        refused.AssertRejected(HttpStatusCode.BadRequest, "VALIDATION");
        Assert.Equal(field, refused.Field);
        await AssertUnchangedAsync();
    }

    [Fact]
    public async Task A_callback_to_a_provider_that_is_not_configured_is_not_found()
    {
        var refused = await _host.CallbackAsync("wise", new { reference = _hold, status = "paid" });

        refused.AssertRejected(HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertUnchangedAsync();
    }

    [Fact]
    public async Task A_callback_larger_than_a_callback_can_be_is_refused()
    {
        var refused = await _host.SignedRawAsync(SagaHost.Strict, $$"""{"reference":"{{_hold}}","status":"paid","reason":"{{new string('x', 70_000)}}"}""");

        refused.AssertRejected(HttpStatusCode.RequestEntityTooLarge, "REQUEST_TOO_LARGE");
        await AssertUnchangedAsync();
    }

    private async Task AssertUnchangedAsync()
    {
        Assert.Equal(0, await ProviderCallbacksAsync());
        Assert.Equal("requery", (await _host.SagaAsync(_hold)).GetProperty("step").GetString());
        Assert.DoesNotContain(await _host.TimelineAsync(_hold), line => line.StartsWith("callback", StringComparison.Ordinal));
    }

    private Task<long> ProviderCallbacksAsync() => _host.Api.ScalarAsync<long>("select count(*) from core.provider_callbacks");
}
