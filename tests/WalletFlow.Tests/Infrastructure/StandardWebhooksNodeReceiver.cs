using System.Diagnostics;
using System.Text.Json;
using WalletFlow.Postgres;

namespace WalletFlow.Tests.Infrastructure;

/// <summary>One delivery as the Node.js receiver judged it: the parsed body when it verified, the library's reason when not.</summary>
public sealed record NodeReceipt(string Id, bool Verified, string? Error, JsonElement? Body);

/// <summary>
/// A partner's endpoint built on the Standard Webhooks reference JavaScript library (<c>standardwebhooks</c>, pinned in
/// tests/interop/standard-webhooks), as a real node process on loopback: what it accepts, any conforming consumer
/// written in another language accepts too. It holds the secrets it was started with, answers 204 or 400, and keeps
/// a receipt of every POST, on any path.
/// </summary>
public sealed class StandardWebhooksNodeReceiver : IAsyncDisposable
{
    private static readonly NodeProject Project = new("standard-webhooks");
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly List<NodeReceipt> _receipts;
    private readonly List<string> _errors;

    private StandardWebhooksNodeReceiver(Process process, List<NodeReceipt> receipts, List<string> errors, Uri url)
    {
        _process = process;
        _receipts = receipts;
        _errors = errors;
        Url = url;
    }

    /// <summary>Where deliveries go.</summary>
    public Uri Url { get; }

    /// <summary>Every receipt so far, in the order the receiver printed them.</summary>
    public IReadOnlyList<NodeReceipt> Receipts
    {
        get
        {
            lock (_receipts)
            {
                return [.. _receipts];
            }
        }
    }

    /// <summary>
    /// Starts a receiver that accepts a delivery signed with any of <paramref name="secrets"/> (whsec_...), on
    /// <paramref name="port"/> when given: an endpoint whose secret is known only once it is registered is registered
    /// at a port picked first.
    /// </summary>
    public static async Task<StandardWebhooksNodeReceiver> StartAsync(IReadOnlyList<string> secrets, int? port = null)
    {
        await Project.EnsureInstalledAsync("standardwebhooks");
        var url = new Uri($"http://127.0.0.1:{port ?? FreePort.Pick()}/");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Project.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "receiver.mjs", url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Concat(secrets))
        {
            start.ArgumentList.Add(argument);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var receipts = new List<NodeReceipt>();
        var errors = new List<string>();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data == "ready")
            {
                ready.TrySetResult();
            }
            else if (line.Data is { Length: > 0 } json)
            {
                // Thrown here, a bad line would take the test host down; kept, it shows in the failure instead.
                if (TryParse(json) is { } receipt)
                {
                    lock (receipts)
                    {
                        receipts.Add(receipt);
                    }
                }
                else
                {
                    lock (errors)
                    {
                        errors.Add($"not a receipt: {json}");
                    }
                }
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                lock (errors)
                {
                    errors.Add(line.Data);
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var receiver = new StandardWebhooksNodeReceiver(process, receipts, errors, url);
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(StartTimeout));
        if (first != ready.Task)
        {
            await receiver.DisposeAsync();
            throw new InvalidOperationException(
                (first == exited ? $"The node receiver exited ({process.ExitCode})" : $"The node receiver was not ready within {StartTimeout}")
                + $" on {url}:\n{receiver.Errors()}");
        }

        return receiver;
    }

    /// <summary>Waits until the receiver has printed <paramref name="count"/> receipts in all; fails the test after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<NodeReceipt>> WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var receipts = Receipts;
            if (receipts.Count >= count)
            {
                return receipts;
            }

            if (DateTime.UtcNow >= deadline)
            {
                Assert.Fail($"The node receiver printed {receipts.Count} of {count} receipts within {timeout}:\n{Errors()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static NodeReceipt? TryParse(string json)
    {
        try
        {
            using var line = JsonDocument.Parse(json);
            var root = line.RootElement;
            return new NodeReceipt(
                root.GetProperty("id").GetString() ?? "",
                root.GetProperty("verified").GetBoolean(),
                root.TryGetProperty("error", out var error) ? error.GetString() : null,
                root.TryGetProperty("body", out var body) ? body.Clone() : null);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private string Errors()
    {
        lock (_errors)
        {
            return string.Join('\n', _errors);
        }
    }
}
