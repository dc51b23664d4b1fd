using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using WalletFlow.Postgres;

namespace WalletFlow.Tests.Infrastructure;

/// <summary>What one named endpoint of the receiver saw: every attempt, and what a partner deduplicating by webhook-id kept.</summary>
public sealed record ReceivedHooks(IReadOnlyList<ReceivedAttempt> Attempts, IReadOnlyList<string> Delivered, int Duplicates);

/// <summary>
/// One POST as the receiver saw it: <paramref name="Status"/> is what it answered, null when the script made it hang
/// (<paramref name="Hung"/>) until the client gave up.
/// </summary>
public sealed record ReceivedAttempt(string Id, bool Verified, int? Status, bool Hung, string Body, DateTimeOffset ReceivedAt);

/// <summary>
/// Partners' webhook endpoints in a real process of their own (tests/WalletFlow.WebhookReceiver), reached over loopback
/// HTTP as WalletFlow reaches a partner: each named endpoint verifies with the StandardWebhooks library and answers as
/// scripted, so a test sees what the partner would have accepted, refused and kept.
/// </summary>
public sealed class WebhookReceiverProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _errors;
    private readonly HttpClient _http;

    private WebhookReceiverProcess(Process process, ConcurrentQueue<string> errors, Uri address)
    {
        _process = process;
        _errors = errors;
        _http = new HttpClient { BaseAddress = address };
    }

    public static async Task<WebhookReceiverProcess> StartAsync()
    {
        var address = new Uri($"http://127.0.0.1:{FreePort.Pick()}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { RepositoryPaths.BuildOutput("WalletFlow.WebhookReceiver", "tests"), "--urls", address.GetLeftPart(UriPartial.Authority) })
        {
            start.ArgumentList.Add(argument);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new ConcurrentQueue<string>();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data == "ready")
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                errors.Enqueue(line.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var receiver = new WebhookReceiverProcess(process, errors, address);
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(StartTimeout));
        if (first != ready.Task)
        {
            await receiver.DisposeAsync();
            throw new InvalidOperationException(
                (first == exited ? $"The webhook receiver exited ({process.ExitCode})" : $"The webhook receiver was not ready within {StartTimeout}")
                + $" on {address}:\n{string.Join('\n', errors)}");
        }

        return receiver;
    }

    /// <summary>Where WalletFlow (or a test) posts deliveries for the endpoint called <paramref name="name"/>.</summary>
    public Uri UrlOf(string name) => new(_http.BaseAddress!, $"hooks/{Uri.EscapeDataString(name)}");

    /// <summary>
    /// (Re)configures an endpoint and forgets what it saw: the first <paramref name="failTimes"/> verified attempts are
    /// answered <paramref name="failStatus"/>, the next <paramref name="hangTimes"/> get no answer until the client gives
    /// up, and every later one gets 204. An attempt no secret verifies is answered 401 and does not count.
    /// </summary>
    public async Task ConfigureAsync(string name, IReadOnlyList<string> secrets, int failTimes = 0, int failStatus = 500, int hangTimes = 0)
    {
        using var response = await _http.PutAsJsonAsync($"endpoints/{Uri.EscapeDataString(name)}", new { secrets, failTimes, failStatus, hangTimes });
        await EnsureSuccessAsync(response);
    }

    public async Task<ReceivedHooks> ReceivedAsync(string name)
    {
        using var response = await _http.GetAsync($"hooks/{Uri.EscapeDataString(name)}/received");
        await EnsureSuccessAsync(response);
        return (await response.Content.ReadFromJsonAsync<ReceivedHooks>())!;
    }

    /// <summary>Waits until the endpoint has kept <paramref name="count"/> distinct deliveries; fails the test after <paramref name="timeout"/>.</summary>
    public async Task<ReceivedHooks> WaitForDeliveredAsync(string name, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var received = await ReceivedAsync(name);
            if (received.Delivered.Count >= count)
            {
                return received;
            }

            if (DateTime.UtcNow >= deadline)
            {
                Assert.Fail($"{name} kept {received.Delivered.Count} of {count} deliveries within {timeout}; its attempts: "
                    + string.Join("; ", received.Attempts.Select(attempt => $"{attempt.Id} verified={attempt.Verified} status={attempt.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "hung"}")));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: "
                + $"{await response.Content.ReadAsStringAsync()}\n{string.Join('\n', _errors)}");
        }
    }
}
