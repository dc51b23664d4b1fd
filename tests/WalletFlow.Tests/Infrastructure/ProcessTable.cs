namespace WalletFlow.Tests.Infrastructure;

/// <summary>Looks through /proc: which processes are alive, and whose command line mentions a path.</summary>
internal static class ProcessTable
{
    public static IReadOnlyList<int> ProcessesMentioning(string text) =>
        Directory.GetDirectories("/proc")
            .Select(directory => int.TryParse(Path.GetFileName(directory), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && pid != Environment.ProcessId && CommandLine(pid).Contains(text, StringComparison.Ordinal))
            .ToList();

    public static async Task<bool> WaitUntilGoneAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (ProcessesMentioning(text).Count > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }
}
