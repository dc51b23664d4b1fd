using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WalletFlow.Tests.Console;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Access;

/// <summary>
/// A token is never written anywhere but the request that carries it: not in a log line at any level, not in a trace,
/// not in an answer, whether it is right or wrong, on REST, the ledger surface, the console and its sign-in form; nor a
/// partner API key's secret, once the answer that created it is read.
/// </summary>
public sealed class TokenHygieneTests(PostgresFixture postgres)
{
    private const string WrongToken = "wrong-token-that-must-not-leak-4242";

    [Fact]
    public async Task Right_and_wrong_tokens_appear_in_no_log_trace_or_answer()
    {
        var logs = new LogCapture();
        var traced = new List<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (traced)
                {
                    traced.Add(string.Join('\n', [activity.DisplayName, .. activity.TagObjects.Select(tag => $"{tag.Key}={tag.Value}"), .. activity.Baggage.Select(item => $"{item.Key}={item.Value}")]));
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var settings = new Dictionary<string, string>(LedgerSurface.Settings) { ["AUTH_TOKEN"] = ConsoleClient.Token, ["Logging:LogLevel:Default"] = "Trace" };
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(TokenHygieneTests), settings, services => services.AddSingleton<ILoggerProvider>(logs));
        var answers = new List<string>();
        var partnerToken = await PartnerKeyAsync(api);
        // The right prefix with a wrong secret: found by its prefix, refused by its hash.
        var wrongPartnerToken = partnerToken[..^4] + (partnerToken.EndsWith("zzzz", StringComparison.Ordinal) ? "yyyy" : "zzzz");
        string[] tokens = [ConsoleClient.Token, WrongToken, partnerToken, wrongPartnerToken];

        foreach (var token in tokens)
        {
            using var client = api.CreateBearerClient(token);
            answers.Add(await (await client.GetAsync("/v1/feature-flags", TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            answers.Add(await (await client.PostAsJsonAsync("/v1/wallets", new { merchantId = "acme", currency = "USD" }, TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            answers.Add(await (await client.GetAsync("/api/ledger/v2/main/transactions", TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            answers.Add(await (await client.GetAsync("/ops", TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            var console = new ConsoleClient(api);
            var signIn = await console.SignInAsync(token);
            answers.Add(await signIn.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            answers.Add(string.Join('\n', signIn.Headers.Select(header => $"{header.Key}: {string.Join(',', header.Value)}")));
        }

        var written = string.Join('\n', logs.Lines.Select(line => $"{line.Category} {line.Message} {line.Exception}"));
        Assert.NotEmpty(logs.Lines);
        Assert.NotEmpty(traced);
        foreach (var token in tokens)
        {
            Assert.DoesNotContain(token, written, StringComparison.Ordinal);
            Assert.DoesNotContain(token, string.Join('\n', answers), StringComparison.Ordinal);
            lock (traced)
            {
                Assert.DoesNotContain(token, string.Join('\n', traced), StringComparison.Ordinal);
            }
        }
    }

    /// <summary>A partner API key of a merchant registered for the purpose; its whole token, as the one answer that shows it gave it.</summary>
    private static async Task<string> PartnerKeyAsync(ApiFactory api)
    {
        using var admin = api.CreateBearerClient(ConsoleClient.Token);
        var tenant = await (await admin.PostAsJsonAsync("/v1/tenants", new { code = "hygiene", name = "Hygiene" }, TestContext.Current.CancellationToken))
            .Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(TestContext.Current.CancellationToken);
        using var merchant = await admin.PostAsJsonAsync(
            $"/v1/tenants/{tenant.GetProperty("tenantId").GetString()}/merchants", new { merchantId = "acme", name = "Acme" }, TestContext.Current.CancellationToken);
        var key = await (await admin.PostAsJsonAsync("/v1/merchants/acme/api-keys", new { name = "hygiene", scopes = "createWallet,getWallet" }, TestContext.Current.CancellationToken))
            .Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(TestContext.Current.CancellationToken);
        return key.GetProperty("token").GetString()!;
    }
}
