using System.Net;
using System.Net.Http.Headers;
using System.Text;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Rest;

/// <summary>What /v1 does with bad calls before any command runs: the bearer token, the idempotency key, and the body.</summary>
public sealed class RestEdgeTests(SharedWalletCoreHost shared, PostgresFixture postgres) : IClassFixture<SharedWalletCoreHost>, IAsyncLifetime
{
    private readonly WalletCoreHost _host = shared.Host;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        Assert.Equal(0L, await _host.ScalarAsync<long>("select count(*) from core.commands"));
        await _host.AssertInvariantsAsync();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-the-token")]
    [InlineData("Basic d2FsbGV0Zmxvdw==")]
    public async Task A_call_without_the_operator_token_is_unauthorized(string? authorization)
    {
        using var client = _host.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/wallets") { Content = Json("""{"merchantId":"acme","currency":"USD"}""") };
        request.Headers.Add("Idempotency-Key", "k-1");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.SendAsync(request);

        (await CommandResponse.ReadAsync(response)).AssertRejected(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Reads_need_the_token_too()
    {
        using var client = _host.Factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/v1/holds", UriKind.Relative));

        (await CommandResponse.ReadAsync(response)).AssertRejected(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Without_a_configured_token_the_REST_API_refuses_every_call_and_says_why()
    {
        await using var open = new ApiFactory(await postgres.CreateDatabaseAsync("resttokenless"));
        using var client = open.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "anything");

        using var response = await client.GetAsync(new Uri("/v1/holds", UriKind.Relative));

        var problem = (await CommandResponse.ReadAsync(response)).AssertRejected(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Contains("AUTH_TOKEN", problem.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_money_moving_call_without_an_idempotency_key_is_rejected()
    {
        using var response = await _host.Client.PostAsync(new Uri("/v1/wallets", UriKind.Relative), Json("""{"merchantId":"acme","currency":"USD"}"""));

        var problem = (await CommandResponse.ReadAsync(response)).AssertRejected(HttpStatusCode.BadRequest, "IDEMPOTENCY_KEY_MISSING");
        Assert.Equal("idempotencyKey", problem.Field);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("é-accent")]
    public async Task An_idempotency_key_outside_printable_ascii_is_rejected(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/wallets") { Content = Json("""{"merchantId":"acme","currency":"USD"}""") };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        using var response = await _host.Client.SendAsync(request);

        (await CommandResponse.ReadAsync(response)).AssertRejected(HttpStatusCode.BadRequest, "VALIDATION");
    }

    [Fact]
    public async Task An_idempotency_key_longer_than_255_characters_is_rejected() =>
        (await _host.PostAsync("/v1/wallets", new { merchantId = "acme", currency = "USD" }, new string('k', 256))).AssertRejected(HttpStatusCode.BadRequest, "VALIDATION");

    [Theory]
    [InlineData("{\"merchantId\":", "not valid JSON")]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("{\"merchantId\":\"acme\",\"currency\":\"USD\",\"colour\":\"red\"}", "colour")]
    public async Task A_malformed_body_is_rejected_with_a_sentence_that_says_what_is_wrong(string body, string said)
    {
        var problem = await PostRawAsync("/v1/wallets", body);

        problem.AssertRejected(HttpStatusCode.BadRequest, "VALIDATION");
        Assert.Contains(said, problem.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_field_of_the_wrong_type_is_named()
    {
        var problem = await PostRawAsync("/v1/payins", """{"bankId":"citi","amount":12.5,"currency":"USD"}""");

        problem.AssertRejected(HttpStatusCode.BadRequest, "VALIDATION");
        Assert.Equal("amount", problem.Field);
    }

    [Fact]
    public async Task Problems_carry_a_trace_id_and_the_instance()
    {
        var problem = await PostRawAsync("/v1/wallets", "{}");

        Assert.False(string.IsNullOrEmpty(problem.Body.GetProperty("traceId").GetString()));
        Assert.Equal("/v1/wallets", problem.Body.GetProperty("instance").GetString());
    }

    private async Task<CommandResponse> PostRawAsync(string route, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = Json(body) };
        request.Headers.Add("Idempotency-Key", _host.NewKey());
        using var response = await _host.Client.SendAsync(request);
        return await CommandResponse.ReadAsync(response);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
