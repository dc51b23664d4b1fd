using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WalletFlow.Tests.Console;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Access;

/// <summary>
/// A token is never written anywhere but the request that carries it: not in a log line at any level, not in a trace,
/// not in an answer, whether it is right or wrong, on REST, the ledger surface, the console and its sign-in form.
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

        foreach (var token in new[] { ConsoleClient.Token, WrongToken })
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
        foreach (var token in new[] { ConsoleClient.Token, WrongToken })
        {
            Assert.DoesNotContain(token, written, StringComparison.Ordinal);
            Assert.DoesNotContain(token, string.Join('\n', answers), StringComparison.Ordinal);
            lock (traced)
            {
                Assert.DoesNotContain(token, string.Join('\n', traced), StringComparison.Ordinal);
            }
        }
    }
}
