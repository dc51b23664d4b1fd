using System.Runtime.InteropServices;
using Spectre.Console;
using WalletFlow.AppHost;
using WalletFlow.AppHost.Resources;

// The one command a developer runs: Postgres, then the API, each gated on its health; Ctrl+C or SIGTERM stops them
// in reverse order. It plays the part an Aspire AppHost would (Aspire is not installable here).
var console = AnsiConsole.Console;
if (Console.IsOutputRedirected)
{
    // A log file or a test reads the table: do not wrap it at 80 columns.
    console.Profile.Width = 200;
}

var log = new ResourceLog(console);
using var stopping = new CancellationTokenSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestStop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestStop);

var settings = AppHostSettings.FromEnvironment();
var started = new Stack<IResource>();
try
{
    log.Write("apphost", $"data folder {settings.DataDirectory}");
    var postgres = await PostgresResource.StartAsync(settings, log, stopping.Token);
    started.Push(postgres);
    var api = await ApiResource.StartAsync(settings, postgres.ConnectionString, log, stopping.Token);
    started.Push(api);

    ResourceTable.Print(console, [.. started.Reverse().Select(resource => resource.Status), api.GrpcStatus]);
    log.Write("apphost", "WalletFlow is running. Press Ctrl+C to stop.");

    var apiExited = api.Exited;
    await Task.WhenAny(apiExited, Task.Delay(Timeout.Infinite, stopping.Token));
    if (apiExited.IsCompleted && !stopping.IsCancellationRequested)
    {
        log.Write("apphost", "the API exited on its own; stopping the rest");
        Environment.ExitCode = 1;
    }
}
catch (OperationCanceledException) when (stopping.IsCancellationRequested)
{
}
catch (Exception exception)
{
    log.Write("apphost", $"start-up failed: {exception.Message}");
    Environment.ExitCode = 1;
}
finally
{
    while (started.TryPop(out var resource))
    {
        log.Write("apphost", $"stopping {resource.Name}");
        await resource.DisposeAsync();
    }

    log.Write("apphost", "stopped");
}

void RequestStop(PosixSignalContext context)
{
    // Handled here: the resources are stopped in order by the finally block above.
    context.Cancel = true;
    stopping.Cancel();
}
