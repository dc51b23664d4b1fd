using System.Diagnostics;

namespace WalletFlow.Bench.Load;

/// <summary>
/// Waits for a child process's HTTP health endpoint to answer 2xx: the gate the load generator puts between starting
/// the API and loading it (under the AppHost, Aspire's health checks do this). It fails at once, with the caller's explanation, if the process
/// exits first, and with a timeout otherwise; HTTP has no push, so it asks every 100 ms.
/// </summary>
internal static class HealthGate
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static async Task WaitAsync(Uri health, Process process, TimeSpan timeout, Func<string> whyExited, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(whyExited);
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The process exited during start-up with code {process.ExitCode}: {whyExited()}");
            }

            try
            {
                using var response = await probe.GetAsync(health, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        throw new TimeoutException($"{health} did not answer within {timeout.TotalSeconds:0} s: {whyExited()}");
    }
}
