using System.Net;
using System.Net.Http.Headers;
using System.Text;
using WalletFlow.Application.Commands;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Rest;

/// <summary>
/// What /v1 does with bodies a partner's bug, or a probe, could send: each is refused with a 4xx and a sentence
/// naming the field, nothing is claimed or posted, and nothing reaches Postgres that it cannot store.
/// </summary>
public sealed class CommandBodyTests(SharedWalletCoreHost shared) : IClassFixture<SharedWalletCoreHost>, IAsyncLifetime
{
    private const string Hold = CommandExamples.HoldId;
    private const string Wallet = CommandExamples.WalletId;

    private readonly WalletCoreHost _host = shared.Host;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        Assert.Equal(0L, await _host.ScalarAsync<long>("select count(*) from core.commands"));
        Assert.Equal(0L, await _host.LedgerTransactionCountAsync());
        await _host.AssertInvariantsAsync();
    }

    [Theory]
    [InlineData("/v1/payins", """{"bankId":"citi","amount":"1.00","currency":"USD","reference":"a\ud800"}""", "reference")]
    [InlineData("/v1/payins", """{"bankId":"ci\udc00ti","amount":"1.00","currency":"USD"}""", "bankId")]
    [InlineData("/v1/holds/" + Hold + "/release", """{"holdId":"\ud800","reason":"x"}""", "holdId")]
    [InlineData("/v1/payins", """{"bankId":"citi","amount":"1.00","currency":"USD","reference":"inv\u0000-1"}""", "reference")]
    [InlineData("/v1/payouts", """{"walletId":"WALLET","amount":"1.00","currency":"USD","provider":"wise","bankId":"citi","beneficiary":"Jane\u0000Doe"}""", "beneficiary")]
    [InlineData("/v1/payins", """{"bankId":"citi","amount":"1.00","currency":"USD","provider":"wise\u202e"}""", "provider")]
    [InlineData("/v1/payins", """{"bankId":"citi","amount":"1.00","currency":"USD","provider":"Wise Payments"}""", "provider")]
    [InlineData("/v1/payins", """{"bankId":"citi","amount":"1.00","currency":"USD","provider":"wise\n"}""", "provider")]
    [InlineData("/v1/payins", """{"walletId":"WALLET","walletID":"WALLET","bankId":"citi","amount":"1.00","currency":"USD"}""", "walletID")]
    [InlineData("/v1/payins", """{"bankId":"citi","amount":12.5,"currency":"USD"}""", "amount")]
    [InlineData("/v1/wallets/" + Wallet + "/rolling-reserve/hold", """{"walletId":123,"amount":"1.00","currency":"USD"}""", "walletId")]
    [InlineData("/v1/wallets/" + Wallet + "/rolling-reserve/hold", """{"walletId":null,"amount":"1.00","currency":"USD"}""", "walletId")]
    [InlineData("/v1/wallets/" + Wallet + "/rolling-reserve/release", """{"walletId":"wal_0195f3a2c4d07c1d9b2e5f3a8c6d4e21","amount":"1.00","currency":"USD"}""", "walletId")]
    [InlineData("/v1/holds/" + Hold + "/settle", """{"holdId":"hold_other"}""", "holdId")]
    public async Task A_field_that_cannot_be_taken_as_sent_is_refused_by_name(string route, string body, string field)
    {
        var problem = await PostAsync(route, Encoding.UTF8.GetBytes(body.Replace("WALLET", Wallet, StringComparison.Ordinal)));

        problem.AssertRejected(HttpStatusCode.BadRequest, "VALIDATION");
        Assert.Equal(field, problem.Field);
    }

    [Theory]
    [InlineData("/v1/holds/" + Hold + "/release", "holdId")]
    [InlineData("/v1/payins", "reference")]
    [InlineData("/v1/payins", "bankId")]
    public async Task Invalid_utf8_is_refused_as_a_whole_in_id_and_free_text_fields_alike(string route, string field)
    {
        var fields = new Dictionary<string, string> { ["bankId"] = "citi", ["amount"] = "1.00", ["currency"] = "USD", ["reason"] = "r" };
        if (route.Contains("/holds/", StringComparison.Ordinal))
        {
            fields = new() { ["reason"] = "r" };
        }

        fields[field] = "x\u0001y";
        var json = Encoding.UTF8.GetBytes("{" + string.Join(",", fields.Select(pair => $"\"{pair.Key}\":\"{pair.Value}\"")) + "}");
        var invalid = json.Select(b => b == 0x01 ? (byte)0xFF : b).ToArray();

        var problem = await PostAsync(route, invalid);

        problem.AssertRejected(HttpStatusCode.BadRequest, "VALIDATION");
        Assert.Contains("not valid UTF-8", problem.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("""{"holdId":"HOLD"}""")]
    public async Task Settle_takes_its_hold_from_the_path_so_an_empty_body_is_a_whole_request(string body)
    {
        var problem = await PostAsync($"/v1/holds/{Hold}/settle", Encoding.UTF8.GetBytes(body.Replace("HOLD", Hold, StringComparison.Ordinal)));

        // Past the body and every field check: the hold itself is what is missing.
        problem.AssertRejected(HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal("holdId", problem.Field);
    }

    [Fact]
    public async Task A_body_naming_a_field_twice_is_refused()
    {
        var problem = await PostAsync("/v1/wallets", """{"merchantId":"acme","currency":"USD","currency":"EUR"}"""u8.ToArray());

        problem.AssertRejected(HttpStatusCode.BadRequest, "VALIDATION");
        Assert.Contains("Duplicate property 'currency'", problem.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_larger_than_any_command_needs_is_refused_unread()
    {
        var huge = Encoding.UTF8.GetBytes($$"""{"merchantId":"acme","currency":"USD","label":"{{new string('x', 70_000)}}"}""");

        (await PostAsync("/v1/wallets", huge)).AssertRejected(HttpStatusCode.RequestEntityTooLarge, "REQUEST_TOO_LARGE");
    }

    [Fact]
    public async Task A_text_field_beyond_its_length_is_refused_with_both_lengths()
    {
        var problem = await PostAsync("/v1/wallets", Encoding.UTF8.GetBytes($$"""{"merchantId":"acme","currency":"USD","label":"{{new string('é', 101)}}"}"""));

        problem.AssertRejected(HttpStatusCode.BadRequest, "VALIDATION");
        Assert.Contains("at most 100 characters; it has 101", problem.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<CommandResponse> PostAsync(string route, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = content };
        request.Headers.Add("Idempotency-Key", _host.NewKey());
        using var response = await _host.Client.SendAsync(request);
        return await CommandResponse.ReadAsync(response);
    }
}
