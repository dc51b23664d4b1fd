using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace WalletFlow.Postgres.Embedded;

/// <summary>The few POSIX process calls .NET does not offer: sending a chosen signal, and telling a live pid from a reused one.</summary>
public static partial class UnixProcess
{
    public const int SigInt = 2;
    public const int SigQuit = 3;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    public static bool IsRoot => geteuid() == 0;

    /// <summary>Sends <paramref name="signal"/>; false when the process does not exist (or is not ours to signal).</summary>
    public static bool Signal(int pid, int signal) => pid > 0 && kill(pid, signal) == 0;

    public static bool IsAlive(int pid) => pid > 0 && (kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() == EPERM) && !IsZombie(pid);

    /// <summary>
    /// The kernel's start time of a process (clock ticks since boot), which together with the pid identifies it
    /// even after the pid is reused. Null when the process is gone.
    /// </summary>
    public static long? StartTime(int pid)
    {
        var stat = ReadStat(pid);
        if (stat is null)
        {
            return null;
        }

        // Fields after the parenthesised command name; start time is field 22 of the whole line.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.TryParse(fields[19], out var ticks) ? ticks : null;
    }

    public static async Task<bool> WaitForExitAsync(int pid, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsAlive(pid))
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }

    /// <summary>Stops a process politely, then firmly: <paramref name="politeSignal"/>, SIGQUIT, and at last SIGKILL.</summary>
    public static async Task StopAsync(int pid, int politeSignal, TimeSpan patience)
    {
        foreach (var signal in new[] { politeSignal, SigQuit, SigKill })
        {
            if (!Signal(pid, signal) || await WaitForExitAsync(pid, patience))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Starts a shell, in a session of its own, that waits for <paramref name="ownerPid"/> to die and then sends
    /// <paramref name="signal"/> to <paramref name="childPid"/>: a killed owner leaves no child behind. It exits by
    /// itself when the child does; kill it when the child is stopped in the ordinary way.
    /// </summary>
    public static Process StartWatchdog(int ownerPid, int childPid, int signal)
    {
        var startInfo = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
                 {
                     "sh", "-c",
                     "while kill -0 \"$0\" 2>/dev/null && kill -0 \"$1\" 2>/dev/null; do sleep 0.5; done; kill -\"$2\" \"$1\" 2>/dev/null",
                     ownerPid.ToString(CultureInfo.InvariantCulture), childPid.ToString(CultureInfo.InvariantCulture), signal.ToString(CultureInfo.InvariantCulture),
                 })
        {
            startInfo.ArgumentList.Add(argument);
        }

        return Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start a watchdog shell.");
    }

    private static bool IsZombie(int pid)
    {
        var stat = ReadStat(pid);
        return stat is not null && stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
    }

    private static string? ReadStat(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private const int EPERM = 1;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);

    [LibraryImport("libc")]
    private static partial uint geteuid();
}
